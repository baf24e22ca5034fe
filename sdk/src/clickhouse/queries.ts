/**
 * The reviewers' saved queries over the organisation store, as shipped in docs/org.md (a test
 * keeps the two identical). `{table}` and `{days}` are filled in by `savedQuerySql`; every query
 * reads `FINAL`, so events loaded twice count once.
 */

export interface SavedQuery {
  name: string;
  title: string;
  sql: string;
}

export const SAVED_QUERIES: readonly SavedQuery[] = [
  {
    name: 'top-apps',
    title: 'Apps and providers by sensitive findings',
    sql: `SELECT ServiceName AS app, ProviderName AS provider, count() AS calls,
       countIf(FindingsTotal > 0) AS calls_with_findings, sum(FindingsTotal) AS findings,
       countIf(Decision = 'blocked') AS blocked, countIf(Decision = 'redacted') AS redacted
FROM {table} FINAL
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY app, provider
ORDER BY findings DESC, calls DESC
LIMIT 50`,
  },
  {
    name: 'findings-by-type',
    title: 'Sensitive findings by type',
    sql: `SELECT type, category, sum(finding_count) AS findings, uniqExact(EventId) AS calls, uniqExact(ServiceName) AS apps
FROM {table} FINAL
ARRAY JOIN Findings.Type AS type, Findings.Category AS category, Findings.Count AS finding_count
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY type, category
ORDER BY findings DESC`,
  },
  {
    name: 'decisions-trend',
    title: 'Blocked and redacted calls per day',
    sql: `SELECT toDate(Timestamp) AS day, count() AS calls,
       countIf(Decision = 'blocked') AS blocked, countIf(Decision = 'redacted') AS redacted,
       countIf(Decision = 'allowed' AND FindingsTotal > 0) AS allowed_with_findings
FROM {table} FINAL
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY day
ORDER BY day`,
  },
  {
    name: 'coverage',
    title: 'Calls Outflow could not read in full, per app',
    sql: `SELECT ServiceName AS app, count() AS calls, countIf(CoverageComplete = 0) AS incomplete,
       round(countIf(CoverageComplete = 0) / count(), 4) AS incomplete_share,
       countIf(CoverageComplete = 0 AND Decision = 'blocked') AS incomplete_blocked
FROM {table} FINAL
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY app
ORDER BY incomplete DESC`,
  },
  {
    name: 'unscanned',
    title: 'What was not scanned, by app and reason',
    sql: `SELECT ServiceName AS app, reason, count() AS parts, uniqExact(EventId) AS calls, sum(part_bytes) AS bytes
FROM {table} FINAL
ARRAY JOIN Unscanned.Reason AS reason, Unscanned.Bytes AS part_bytes
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY app, reason
ORDER BY calls DESC`,
  },
  {
    name: 'sessions-per-origin',
    title: 'Sessions per origin (the page or service the calls came from)',
    sql: `SELECT if(Origin = '', concat('service:', ServiceName), Origin) AS origin, uniqExact(SessionId) AS sessions,
       count() AS calls, sum(FindingsTotal) AS findings, max(Timestamp) AS last_seen
FROM {table} FINAL
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY origin
ORDER BY sessions DESC
LIMIT 100`,
  },
  {
    name: 'signals',
    title: 'Usage signals by app and provider: how many calls carried each, the highest score, when',
    sql: `SELECT ServiceName AS app, ProviderName AS provider, kind, count() AS calls, max(score) AS max_score,
       min(Timestamp) AS first_seen, max(Timestamp) AS last_seen, countIf(Decision = 'blocked') AS blocked
FROM {table} FINAL
ARRAY JOIN Signals.Kind AS kind, Signals.Score AS score
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY app, provider, kind
ORDER BY calls DESC`,
  },
  {
    name: 'budgets',
    title: 'Budgets exceeded, by app and budget: calls marked and calls refused',
    sql: `SELECT ServiceName AS app, budget, exceeded, countIf(action = 'log') AS marked, countIf(action = 'block' AND ErrorType = 'budget') AS refused,
       max(Timestamp) AS last_seen
FROM {table} FINAL
ARRAY JOIN Budgets.Id AS budget, Budgets.Action AS action, Budgets.Exceeded AS exceeded
WHERE Timestamp >= now() - INTERVAL {days} DAY
GROUP BY app, budget, exceeded
ORDER BY refused DESC, marked DESC`,
  },
];

/**
 * "Where did this value go?": every event that carried one of the fingerprints, under the given
 * key (or from a producer that did not name its key). `{fingerprints}` and `{keyId}` are hex,
 * checked before they are put in.
 */
export const WHERE_SQL = `SELECT Timestamp AS time, ServiceName AS app, Origin AS origin, ProviderName AS provider,
       Decision AS decision, EventId AS event, SessionId AS session,
       FingerprintTypes[indexOf(Fingerprints, arrayFirst(f -> has(Fingerprints, f), [{fingerprints}]))] AS type
FROM {table} FINAL
WHERE hasAny(Fingerprints, [{fingerprints}]) AND FingerprintKeyId IN ('{keyId}', '')
ORDER BY Timestamp`;

const HEX = /^[0-9a-f]+$/;

export function savedQuerySql(query: SavedQuery, table: string, days: number): string {
  if (!Number.isInteger(days) || days < 1 || days > 36_500) throw new RangeError('days must be a whole number from 1 to 36500');
  return query.sql.replaceAll('{table}', table).replaceAll('{days}', String(days));
}

export function whereSql(table: string, fingerprints: readonly string[], keyId: string): string {
  if (fingerprints.length === 0 || !fingerprints.every((f) => HEX.test(f)) || !HEX.test(keyId)) throw new RangeError('fingerprints and key id are hex');
  return WHERE_SQL.replaceAll('{table}', table)
    .replaceAll('{fingerprints}', fingerprints.map((f) => `'${f}'`).join(', '))
    .replaceAll('{keyId}', keyId);
}
