// One template for the template-capture tests (in memory and with the real tools): a literal
// line, a line from host data (`.email`) and a block only host "alpha" renders (`.machine`).
export const GITCONFIG_TMPL = [
  '[user]',
  '\tname = Me',
  '\temail = {{ .email }}',
  '[core]',
  '\tpager = less',
  '{{- if eq .machine "alpha" }}',
  '[alpha]',
  '\tonly = here',
  '{{- end }}',
  '',
].join('\n');

/** What GITCONFIG_TMPL renders to on a host with data `{ email: <host>@example.org, machine: <host> }`. */
export const renderGitconfig = (host: string): string =>
  `[user]\n\tname = Me\n\temail = ${host}@example.org\n[core]\n\tpager = less${host === 'alpha' ? '\n[alpha]\n\tonly = here' : ''}\n`;
