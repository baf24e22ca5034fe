/** Bundles a browser entry module (TypeScript, workspace imports) into one IIFE script, in memory, with vite. */
import { build, type Rolldown } from 'vite';

export async function bundleForPage(entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'outflowTestPage' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`Bundling ${entry} produced no script.`);
  return chunk.code;
}
