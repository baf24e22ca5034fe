/**
 * The zod schema of `WireRequest`: the content script and the background parse every request the
 * page-world wrapper hands over (a page can forge what its own world says), bounded in size.
 */
import { z } from 'zod';
import { MAX_READ_CHARS, type WireBody, type WireFile, type WireRequest } from './wire-types';

const UnreadReasonSchema = z.enum(['binary', 'size', 'format', 'error']);
const bytes = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(MAX_READ_CHARS);

export const WireFileSchema: z.ZodType<WireFile> = z.object({
  name: z.string().max(1024).optional(),
  type: z.string().max(255),
  bytes,
  text: text.optional(),
  unread: UnreadReasonSchema.optional(),
}) as z.ZodType<WireFile>;

const WirePartSchema = z.union([
  z.object({ name: z.string().max(1024), value: text }),
  z.object({ name: z.string().max(1024), file: WireFileSchema }),
]);

export const WireBodySchema: z.ZodType<WireBody> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('text'), text }),
  z.object({ kind: z.literal('form'), text }),
  z.object({ kind: z.literal('multipart'), parts: z.array(WirePartSchema).max(200) }),
  z.object({ kind: z.literal('file'), file: WireFileSchema }),
  z.object({ kind: z.literal('binary'), bytes, text: text.optional() }),
  z.object({ kind: z.literal('unreadable'), reason: UnreadReasonSchema, bytes: bytes.optional() }),
]) as z.ZodType<WireBody>;

export const WireRequestSchema: z.ZodType<WireRequest> = z.object({
  transport: z.enum(['fetch', 'xhr', 'websocket']),
  method: z.string().min(1).max(16),
  url: z.string().max(8192),
  contentType: z.string().max(255).optional(),
  body: WireBodySchema,
}) as z.ZodType<WireRequest>;
