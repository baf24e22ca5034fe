/**
 * Settings: the employee's (storage.local) under IT's (storage.managed, which wins where set).
 * Managed storage crosses a trust boundary like everything else: parsed with zod, and an invalid
 * value is ignored rather than trusted.
 */
import browser from 'webextension-polyfill';
import { z } from 'zod';
import { PolicySchema } from '@outflow/sdk/schema';
import { APP_TAGS, type Settings } from '../messages';
import { BUILTIN_ORIGIN_PATTERNS, parseOrigin } from './origins';
import { effectivePolicy } from './policy-merge';

export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_MAX_EVENTS = 200_000;

/** An e-mail domain: the organisation's own, for telling work accounts from personal ones. */
export const DomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]{1,253}\.[a-z]{2,63}$/, 'a domain such as example.com');
/** AI app domains (`poe.com`) → IT's verdict on them. */
export const AppTagsSchema = z.record(DomainSchema, z.enum(APP_TAGS));

const LocalSettingsSchema = z.object({
  retentionDays: z.number().int().min(1).max(3650).optional().catch(undefined),
  maxEvents: z.number().int().min(1000).max(5_000_000).optional().catch(undefined),
  userOrigins: z.array(z.string().max(300)).catch([]).default([]),
  policy: z.optional(PolicySchema).catch(undefined),
  orgDomains: z.array(DomainSchema).optional().catch(undefined),
  aiAppTags: AppTagsSchema.optional().catch(undefined),
});
export type LocalSettings = z.infer<typeof LocalSettingsSchema>;

/** Mirrors `managed_schema.json`; each field is read on its own so one bad value does not void the rest. */
const ManagedSchema = z.object({
  allowedOrigins: z.array(z.string().max(300)).optional().catch(undefined),
  retentionDays: z.number().int().min(1).max(3650).optional().catch(undefined),
  maxEvents: z.number().int().min(1000).max(5_000_000).optional().catch(undefined),
  policy: z.optional(PolicySchema).catch(undefined),
  allowEmployeePolicy: z.boolean().optional().catch(undefined),
  orgDomains: z.array(DomainSchema).optional().catch(undefined),
  aiAppTags: AppTagsSchema.optional().catch(undefined),
});

const LOCAL_KEY = 'settings';

async function readLocal(): Promise<LocalSettings> {
  const stored = (await browser.storage.local.get(LOCAL_KEY))[LOCAL_KEY];
  return LocalSettingsSchema.parse(stored ?? {});
}

async function readManaged(): Promise<Settings['managed']> {
  let raw: Record<string, unknown> = {};
  try {
    raw = await browser.storage.managed.get();
  } catch {
    // Firefox throws when no managed manifest is installed; nothing is managed then.
  }
  const managed = ManagedSchema.safeParse(raw);
  const data = managed.success ? managed.data : {};
  const allowedOrigins = (data.allowedOrigins ?? []).flatMap((entry) => {
    const parsed = parseOrigin(entry);
    return 'origin' in parsed ? [parsed.origin] : [];
  });
  const { retentionDays, maxEvents, policy, allowEmployeePolicy, orgDomains, aiAppTags } = data;
  return {
    allowedOrigins,
    ...(retentionDays === undefined ? {} : { retentionDays }),
    ...(maxEvents === undefined ? {} : { maxEvents }),
    ...(policy === undefined ? {} : { policy }),
    ...(allowEmployeePolicy === undefined ? {} : { allowEmployeePolicy }),
    ...(orgDomains === undefined ? {} : { orgDomains }),
    ...(aiAppTags === undefined ? {} : { aiAppTags }),
  };
}

export async function getSettings(): Promise<Settings> {
  const [local, managed] = await Promise.all([readLocal(), readManaged()]);
  const policyEditable = managed.policy === undefined || managed.allowEmployeePolicy === true;
  const { policy, source } = effectivePolicy(managed.policy, local.policy, policyEditable);
  return {
    retentionDays: managed.retentionDays ?? local.retentionDays ?? DEFAULT_RETENTION_DAYS,
    maxEvents: managed.maxEvents ?? local.maxEvents ?? DEFAULT_MAX_EVENTS,
    userOrigins: local.userOrigins,
    managed,
    builtinOrigins: [...BUILTIN_ORIGIN_PATTERNS],
    policy,
    policySource: source,
    policyEditable,
    ...(local.policy === undefined ? {} : { employeePolicy: local.policy }),
    orgDomains: managed.orgDomains ?? local.orgDomains ?? [],
    aiAppTags: managed.aiAppTags ?? local.aiAppTags ?? {},
  };
}

/** Every origin the bridge may serve besides the built-in ones. */
export function listedOrigins(settings: Settings): string[] {
  return [...new Set([...settings.userOrigins, ...settings.managed.allowedOrigins])];
}

export async function updateLocalSettings(change: (local: LocalSettings) => LocalSettings): Promise<Settings> {
  const next = change(await readLocal());
  await browser.storage.local.set({ [LOCAL_KEY]: next });
  return getSettings();
}
