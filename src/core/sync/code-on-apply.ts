// Which incoming source files run code on this machine when `chezmoi apply` writes their target:
// `modify_` scripts (run to produce the target), `run_` scripts, and templates calling a template
// function that starts a process (`output`, password-manager functions, …). Pure: source names
// and template text in, a reason (or none) out.

/**
 * chezmoi template functions that run a command. From chezmoi's template function reference:
 * `output`/`outputList` run any command; the password-manager and secret-store functions run
 * their CLI (`op`, `bw`, `pass`, `gopass`, `keepassxc-cli`, `lpass`, `vault`, `doppler`, …).
 */
export const COMMAND_FUNCTIONS: readonly string[] = [
  'output',
  'outputList',
  'bitwarden',
  'bitwardenAttachment',
  'bitwardenAttachmentByRef',
  'bitwardenFields',
  'bitwardenSecrets',
  'rbw',
  'rbwFields',
  'dashlaneNote',
  'dashlanePassword',
  'doppler',
  'dopplerProjectJson',
  'gopass',
  'gopassRaw',
  'hcpVaultSecret',
  'hcpVaultSecretJson',
  'keepassxc',
  'keepassxcAttachment',
  'keepassxcAttribute',
  'keeper',
  'keeperDataFields',
  'keeperFindPassword',
  'lastpass',
  'lastpassRaw',
  'onepassword',
  'onepasswordDetailsFields',
  'onepasswordDocument',
  'onepasswordItemFields',
  'onepasswordRead',
  'pass',
  'passFields',
  'passRaw',
  'passhole',
  'protonPassJSON',
  'protonPass',
  'secret',
  'secretJSON',
  'vault',
];

const CALL = new RegExp(`(?<![\\w.$])(${COMMAND_FUNCTIONS.join('|')})(?![\\w])`);
const DELIMITERS = /chezmoi:template:left-delimiter="([^"]+)"\s+right-delimiter="([^"]+)"/;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first command-running function a template's actions call, if any. */
export const commandCalledBy = (template: string): string | undefined => {
  const d = DELIMITERS.exec(template);
  const [left, right] = d !== null ? [d[1] ?? '{{', d[2] ?? '}}'] : ['{{', '}}'];
  const actions = new RegExp(`${escape(left)}([\\s\\S]*?)${escape(right)}`, 'g');
  for (const m of template.matchAll(actions)) {
    // Comments ({{/* … */}}) run nothing.
    const body = (m[1] ?? '').replace(/\/\*[\s\S]*?\*\//g, '');
    const hit = CALL.exec(body);
    if (hit !== null) return hit[1];
  }
  return undefined;
};

/**
 * Why applying this source file runs code, or undefined. `sourcePath` is relative to the source
 * dir; `text` is the file's content (read only for templates).
 *
 * @example codeOnApply('dot_gitconfig.tmpl', '{{ output "hostname" }}') // 'template calling output'
 */
export const codeOnApply = (sourcePath: string, text: string | undefined): string | undefined => {
  const base = sourcePath.split('/').pop() ?? sourcePath;
  if (base.startsWith('modify_')) return 'modify_ script';
  if (base.startsWith('run_')) return 'run_ script';
  if (base.endsWith('.tmpl') && text !== undefined) {
    const fn = commandCalledBy(text);
    if (fn !== undefined) return `template calling ${fn}`;
  }
  return undefined;
};

/** Whether a source file may run code, so that its text must be read to decide. */
export const mayRunCode = (sourcePath: string): boolean => {
  const base = sourcePath.split('/').pop() ?? sourcePath;
  return base.startsWith('modify_') || base.startsWith('run_') || base.endsWith('.tmpl');
};
