/**
 * Credentials passed as command-line options, as typed in shells and pasted from their history:
 * `--password …` and any long option whose name is a secret name (`--registry-password`,
 * `--api-key`, keytool's `-storepass`, PowerShell's `-Token`), the short options that take a
 * password in the tools that define them (`mysql -pSECRET`, `sshpass -p …`, `docker login -p …`,
 * `redis-cli -a …`, `ldapsearch -w …`), `user:password` after curl's `-u`, and
 * `ConvertTo-SecureString "…" -AsPlainText`. Reported as GENERIC_SECRET. `--password=…` is an
 * assignment, left to the assignment detector.
 */
import type { Detector, Span } from '../types';
import { scanSlot, type ScanContext, type ScanSlot } from '../context';
import { codeAt, isAlnum } from '../text';
import { equalsFolded, nameStrength, NameStrength } from './secret-names';
import { looksLikeSecretValue } from './secret-values';

const MAX_OPTION = 48;
const MAX_ARGUMENT = 256;
/** How far back a command word is looked for: one command line. */
const MAX_SEGMENT = 512;

/**
 * Short options that carry a password, by command: `attached` ones may be written `-pSECRET` or
 * `-p'SECRET'`, `separate` ones take the next argument, `userinfo` ones take `user:password`
 * (`user%password` for smbclient, `user,password` for lftp). `login` marks tools whose option means
 * a password only in their `login` subcommand (`docker login -p`; `docker run -p` maps a port).
 * Taken from each tool's manual; `-P` is a port in mysql and ssh, and `-p` one in psql and redis-cli.
 */
interface ShortOptions {
  readonly attached?: string;
  readonly separate?: string;
  readonly userinfo?: string;
  readonly userSeparator?: string;
  readonly login?: true;
}

const MYSQL: ShortOptions = { attached: 'p' };
const MONGO: ShortOptions = { separate: 'p' };
const LDAP: ShortOptions = { separate: 'w' };
const REGISTRY_LOGIN: ShortOptions = { separate: 'p', login: true };
const SQL_SERVER: ShortOptions = { separate: 'P', attached: 'P' };
const MOSQUITTO: ShortOptions = { separate: 'P' };
const ARCHIVE: ShortOptions = { attached: 'p' };

const COMMANDS: ReadonlyMap<string, ShortOptions> = new Map<string, ShortOptions>([
  ...['mysql', 'mysqldump', 'mysqladmin', 'mysqlimport', 'mysqlcheck', 'mysqlshow', 'mysqlpump', 'mysqlsh', 'mysqlbinlog', 'mariadb', 'mariadb-dump', 'mariadb-admin', 'mariadb-import', 'mariadb-check'].map((c): [string, ShortOptions] => [c, MYSQL]),
  ...['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'mongostat', 'mongotop', 'cqlsh', 'rabbitmqadmin'].map((c): [string, ShortOptions] => [c, MONGO]),
  ...['ldapsearch', 'ldapadd', 'ldapmodify', 'ldapdelete', 'ldapwhoami', 'ldappasswd', 'ldapcompare', 'ldapmodrdn'].map((c): [string, ShortOptions] => [c, LDAP]),
  ...['docker', 'podman', 'nerdctl', 'buildah', 'skopeo', 'helm', 'oras', 'az', 'cf', 'singularity', 'apptainer'].map((c): [string, ShortOptions] => [c, REGISTRY_LOGIN]),
  ...['sqlcmd', 'bcp', 'osql', 'isql'].map((c): [string, ShortOptions] => [c, SQL_SERVER]),
  ...['mosquitto_pub', 'mosquitto_sub', 'mosquitto_rr', 'zip', 'unzip'].map((c): [string, ShortOptions] => [c, MOSQUITTO]),
  ...['7z', '7za', '7zr', 'rar', 'unrar'].map((c): [string, ShortOptions] => [c, ARCHIVE]),
  ['sshpass', { attached: 'p', separate: 'p' }],
  ['redis-cli', { separate: 'a' }],
  ['ipmitool', { separate: 'P' }],
  ['curl', { userinfo: 'uU', userSeparator: ':' }],
  ['smbclient', { userinfo: 'U', userSeparator: '%' }],
  ['lftp', { userinfo: 'u', userSeparator: ',' }],
  ['openssl', { separate: 'k' }],
]);

/** Words a command line may start with before the command itself: prompts, `sudo`, wrappers. */
const WRAPPERS = new Set(['sudo', 'doas', 'time', 'exec', 'nohup', 'env', 'command', 'builtin', 'winpty']);

/** The command a dash belongs to, found once per command line and kept for the scan. */
interface CommandReader {
  /** Every segment boundary (newline, `;`, `|`, `&`, `(`, backtick) before this has been seen. */
  readTo: number;
  /** Where the current command line starts. */
  segment: number;
  /** The segment whose command was read, and what was read. */
  readSegment: number;
  options: ShortOptions | null;
}

const COMMAND: ScanSlot<CommandReader> = scanSlot(() => ({ readTo: 0, segment: 0, readSegment: -1, options: null }));

/** Whether the newline at `newline` follows a `\` (optionally before a `\r`): a continued command line. */
function continuesLine(text: string, newline: number): boolean {
  const before = codeAt(text, newline - 1);
  return before === 92 || (before === 13 && codeAt(text, newline - 2) === 92);
}

function isSegmentBoundary(code: number): boolean {
  return code === 10 || code === 59 || code === 124 || code === 38 || code === 40 || code === 96;
}

/** The short options of the command whose line holds `dash`. Dashes arrive in increasing order in a scan, so each character is read once. */
function commandOptions(text: string, dash: number, context: ScanContext): ShortOptions | null {
  const reader = context.get(COMMAND);
  if (dash < reader.readTo) {
    reader.readTo = 0;
    reader.segment = 0;
  }
  for (let i = Math.max(reader.readTo, dash - MAX_SEGMENT); i < dash; i++) {
    // A line ending in `\` continues the command (`curl … \⏎  -u user:…`).
    if (isSegmentBoundary(text.charCodeAt(i)) && !(text.charCodeAt(i) === 10 && continuesLine(text, i))) reader.segment = i + 1;
  }
  reader.readTo = dash;
  // A command line longer than this before the option is not one we read (a flood of options).
  if (dash - reader.segment > MAX_SEGMENT) return null;
  if (reader.segment !== reader.readSegment) {
    reader.readSegment = reader.segment;
    reader.options = readCommand(text, reader.segment, dash);
  }
  return reader.options;
}

/** The words of a command line from `start`, up to `end`: at most a few, each bounded. */
function* words(text: string, start: number, end: number): Generator<[number, number]> {
  let i = start;
  for (let count = 0; count < 8 && i < end; count++) {
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const wordStart = i;
    while (i < end && text.charCodeAt(i) > 32) i++;
    if (i > wordStart) yield [wordStart, i];
  }
}

/** The command of the line `[start, end)`, past prompts (`$ `, `PS C:\>`), `sudo` and `VAR=value` prefixes; its short options, if it is one we know. */
function readCommand(text: string, start: number, end: number): ShortOptions | null {
  let command: ShortOptions | null = null;
  let wantLogin = false;
  for (const [wordStart, wordEnd] of words(text, start, end)) {
    const word = text.slice(wordStart, wordEnd);
    if (command !== null) {
      // `docker login`, `helm registry login`, `az login`: the subcommand comes within two words.
      if (word === 'login') return command;
      if (word.startsWith('-')) return null;
      continue;
    }
    // Not a command: history numbers, timestamps and `+ ` of CI logs, prompts (`$`, `PS C:\>`,
    // `deploy@build:~$`), `sudo` and other wrappers, `VAR=value` prefixes.
    if (!/^[A-Za-z_./~]/.test(word) || /[$#%>]$/.test(word) || word === 'PS' || WRAPPERS.has(word) || /^[A-Za-z_]\w*=/.test(word)) continue;
    const options = COMMANDS.get(word.slice(word.lastIndexOf('/') + 1).toLowerCase());
    if (options === undefined) return null;
    if (options.login !== true) return options;
    command = options;
    wantLogin = true;
  }
  return wantLogin ? null : command;
}

/**
 * The span of the command-line argument starting at or after `from` (past spaces and tabs), as a
 * shell reads one word: unquoted characters and quoted parts run together (`kevin:'pR…'`). A
 * word that is one quoted part is given without its quotes.
 */
function readArgument(text: string, from: number): Span | null {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const start = i;
  const max = Math.min(text.length, start + MAX_ARGUMENT);
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      let close = i + 1;
      while (close < max && text.charCodeAt(close) !== c && text.charCodeAt(close) !== 10) close += c === 34 && text.charCodeAt(close) === 92 ? 2 : 1;
      if (codeAt(text, close) !== c) return null;
      i = close + 1;
      continue;
    }
    if (c <= 32 || c === 59 || c === 124 || c === 96 || (c === 38 && codeAt(text, i + 1) === 38)) break;
    i++;
  }
  if (i === start) return null;
  return unquoted(text, { start, end: i });
}

/** `span` without the quotes around it, when it is one quoted part (`'…'`, `"…"`). */
function unquoted(text: string, span: Span): Span | null {
  const first = text.charCodeAt(span.start);
  if ((first === 34 || first === 39) && span.end - span.start >= 2 && text.charCodeAt(span.end - 1) === first && text.indexOf(String.fromCharCode(first), span.start + 1) === span.end - 1) {
    return span.end - span.start > 2 ? { start: span.start + 1, end: span.end - 1 } : null;
  }
  return span;
}

/** openssl's passphrase arguments (`-passin pass:…`): `pass:` carries the password, `env:`, `file:`, `fd:` and `stdin` only point to it. */
function opensslPassword(text: string, span: Span): Span | null {
  const value = text.slice(span.start, Math.min(span.end, span.start + 6));
  if (value.startsWith('pass:')) return { start: span.start + 5, end: span.end };
  return /^(?:env:|file:|fd:|stdin)/.test(value) ? null : span;
}

/**
 * The password in a `user:password` argument (after the first separator, without quotes around
 * it), or, for `KEY:` with nothing after the separator, the user name, which then is an API key
 * (`curl -u sk_live_…:`, Elasticsearch and Mailgun's `api:key` convention aside). Null when the
 * argument is a placeholder (`<user:password>`) or names only a user.
 */
function userinfoPassword(text: string, span: Span, separator: number): Span | null {
  const first = text.charCodeAt(span.start);
  if (first === 60 || first === 36 || first === 123) return null;
  for (let i = span.start; i < span.end; i++) {
    if (text.charCodeAt(i) !== separator) continue;
    if (i + 1 < span.end) return unquoted(text, { start: i + 1, end: span.end });
    return i - span.start >= 12 ? { start: span.start, end: i } : null;
  }
  return null;
}

const SECURE_STRING = 'convertto-securestring';

/**
 * `ConvertTo-SecureString "P@ss" -AsPlainText` (PowerShell): the plain-text argument before the
 * `-AsPlainText` at `dash`, read backwards over one argument and an optional `-String`.
 */
function secureStringArgument(text: string, dash: number): Span | null {
  let end = dash;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  const quote = codeAt(text, end - 1);
  let start = end;
  const min = Math.max(0, end - MAX_ARGUMENT);
  if (quote === 34 || quote === 39) {
    start = end - 1;
    while (start > min && text.charCodeAt(start - 1) !== quote) start--;
    if (start === min || start === end - 1) return null;
    end--;
    start--;
  } else {
    while (start > min && text.charCodeAt(start - 1) > 32) start--;
  }
  let i = start;
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  if (i >= 7 && equalsFolded(text, i - 7, '-string')) {
    i -= 7;
    while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  }
  if (i < SECURE_STRING.length || !equalsFolded(text, i - SECURE_STRING.length, SECURE_STRING)) return null;
  return quote === 34 || quote === 39 ? { start: start + 1, end } : { start, end };
}

function isOptionNameChar(code: number): boolean {
  return isAlnum(code) || code === 45 || code === 95 || code === 46;
}

/** The secret argument of the option starting at `dash`, by the rules in this file's header. */
function findOptionSecret(text: string, dash: number, context: ScanContext): Span | null {
  const long = codeAt(text, dash + 1) === 45;
  const nameStart = dash + (long ? 2 : 1);
  const max = Math.min(text.length, nameStart + MAX_OPTION);
  let nameEnd = nameStart;
  while (nameEnd < max && isOptionNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  const after = codeAt(text, nameEnd);
  if (after === 61) return null;
  const spaced = after === 32 || after === 9;
  if (!long) {
    const found = shortOptionSecret(text, dash, nameStart, nameEnd, spaced, context);
    if (found !== undefined) return found;
  }
  if (!spaced || nameEnd - nameStart < 2) return null;
  const length = nameEnd - nameStart;
  if (!long && length === 11 && equalsFolded(text, nameStart, 'asplaintext')) return secureStringArgument(text, dash);
  if (long && ((length === 4 && equalsFolded(text, nameStart, 'user')) || (length === 10 && equalsFolded(text, nameStart, 'proxy-user')))) {
    // curl's `--user user:password`, as `-u`.
    const options = commandOptions(text, dash, context);
    const argument = options?.userSeparator === undefined ? null : readArgument(text, nameEnd);
    return argument === null ? null : userinfoPassword(text, argument, options!.userSeparator!.charCodeAt(0));
  }
  const openssl = (length === 6 && equalsFolded(text, nameStart, 'passin')) || (length === 7 && equalsFolded(text, nameStart, 'passout')) || (length === 4 && equalsFolded(text, nameStart, 'pass'));
  // The next option, not an argument (`--password --verbose`, or a flood of them).
  let next = nameEnd + 1;
  while (codeAt(text, next) === 32 || codeAt(text, next) === 9) next++;
  if (codeAt(text, next) === 45) return null;
  if (!openssl && nameStrength(text, nameStart, nameEnd) !== NameStrength.Secret) return null;
  const argument = readArgument(text, nameEnd);
  return argument !== null && openssl ? opensslPassword(text, argument) : argument;
}

/**
 * A short option of a command we know (`mysql -pSECRET`, `sshpass -p SECRET`, `curl -u
 * user:SECRET`): the secret, null when the option takes one but holds none here, undefined when
 * the option is not one of those (it may still be a long option written with one dash).
 */
function shortOptionSecret(text: string, dash: number, nameStart: number, nameEnd: number, spaced: boolean, context: ScanContext): Span | null | undefined {
  const options = commandOptions(text, dash, context);
  if (options === null) return undefined;
  const flag = text[nameStart]!;
  const single = nameEnd === nameStart + 1;
  if (single && options.userinfo?.includes(flag) === true) {
    const argument = spaced ? readArgument(text, nameEnd) : null;
    return argument === null ? null : userinfoPassword(text, argument, options.userSeparator!.charCodeAt(0));
  }
  // Attached: `-pSECRET`, `-p'SECRET'`. In mysql `-p` then a space prompts for the password.
  if ((!single || (!spaced && codeAt(text, nameEnd) > 32)) && options.attached?.includes(flag) === true) return readArgument(text, nameStart + 1);
  if (single && spaced && options.separate?.includes(flag) === true) return readArgument(text, nameEnd);
  return single ? null : undefined;
}

/**
 * A command-line argument is a secret when it reads as one: a quoted argument as any assignment
 * value; an unquoted one also needs a digit or a symbol, or twelve letters of at least eight
 * kinds (`--http-password hopenobodyfindsthisone`), so that `-p mydb` or `--token flag` in prose
 * stay quiet.
 */
function looksLikeSecretArgument(value: string, text: string, span: Span): boolean {
  if (value.startsWith('-') || !looksLikeSecretValue(value)) return false;
  const quoted = codeAt(text, span.start - 1) === 34 || codeAt(text, span.start - 1) === 39;
  return quoted || /[\d\W_]/.test(value) || (value.length >= 12 && new Set(value.toLowerCase()).size >= 8);
}

export const commandLineSecret: Detector = {
  id: 'GENERIC_SECRET',
  category: 'secret',
  description: 'Credentials on command lines: `--password …` and other secret-named options, `mysql -p…`, `sshpass -p`, `docker login -p`, `curl -u user:…`, `ConvertTo-SecureString … -AsPlainText`.',
  trigger: { kind: 'option' },
  confidence: 0.75,
  priority: 20,
  find: findOptionSecret,
  validate: looksLikeSecretArgument,
  examples: {
    match: [
      "mysql -u root -p'Kx9#mQ2&vL7!' -h db.internal",
      'mysqldump -u backup -pKx9mQ2vL7pR4 shop > shop.sql',
      'docker login -u ci -p Kx9mQ2vL7pR4zT registry.acme.io',
      'docker login --username ci --password Kx9mQ2vL7pR4zT registry.acme.io',
      'curl -u admin:Kx9mQ2vL7pR4 https://api.acme.io/v1/export',
      "sshpass -p 'Kx9mQ2vL7pR4' ssh deploy@build-01",
      '$ sudo redis-cli -h cache -a Kx9mQ2vL7pR4 ping',
      'ldapsearch -x -D "cn=admin,dc=acme,dc=io" -w Kx9mQ2vL7pR4 -b dc=acme,dc=io',
      'keytool -importkeystore -srckeystore a.p12 -storepass Kx9mQ2vL7pR4',
      'openssl pkcs12 -export -in cert.pem -passout pass:Kx9mQ2vL7pR4 -out cert.p12',
      '$pw = ConvertTo-SecureString "Kx9#mQ2vL7pR4" -AsPlainText -Force',
      'vault login -method=userpass username=ops --token hvs.Kx9mQ2vL7pR4zT',
    ],
    noMatch: [
      'mysql -u root -p shop',
      'mysql -u root -p',
      'docker run -p 8080:80 nginx',
      'psql -h db -p 5432 -U app',
      'ssh -p 2222 deploy@build-01',
      'curl -u admin https://api.acme.io/v1/export',
      'docker login -u ci --password-stdin registry.acme.io',
      'echo $TOKEN | docker login -u ci -p $TOKEN registry.acme.io',
      'Pass the --token flag to authenticate.',
      'sshpass -p password ssh deploy@build-01',
      'openssl enc -aes-256-cbc -pass env:BACKUP_KEY -in a -out b',
    ],
  },
};
