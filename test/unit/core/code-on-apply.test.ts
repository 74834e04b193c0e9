import { describe, expect, it } from 'vitest';
import { codeOnApply, commandCalledBy } from '../../../src/core/sync/code-on-apply.js';

describe('codeOnApply', () => {
  it.each([
    ['dot_config/modify_settings.json', undefined, 'modify_ script'],
    ['.chezmoiscripts/run_once_install.sh', undefined, 'run_ script'],
    ['dot_gitconfig.tmpl', 'email = {{ output "git" "config" "user.email" }}', 'template calling output'],
    ['dot_netrc.tmpl', '{{- (onepasswordRead "op://vault/item/password") -}}', 'template calling onepasswordRead'],
    ['dot_x.tmpl', '{{ range (outputList "ls") }}{{ . }}{{ end }}', 'template calling outputList'],
    ['dot_x.tmpl', '{{ pass "email/me" }}', 'template calling pass'],
    ['dot_y.tmpl', 'chezmoi:template:left-delimiter="[[" right-delimiter="]]"\n[[ output "id" ]]\n', 'template calling output'],
  ])('%s runs code', (path, text, reason) => {
    expect(codeOnApply(path, text)).toBe(reason);
  });

  it.each([
    ['dot_bashrc', 'output "x"'],
    ['dot_gitconfig.tmpl', 'name = {{ .name }}\n# output of {{ .chezmoi.hostname }}\n'],
    ['dot_z.tmpl', '{{/* output "rm" */}}{{ .output }}{{ $output := 1 }}'],
    ['dot_w.tmpl', 'password output: {{ "text" }}'],
  ])('%s runs nothing', (path, text) => {
    expect(codeOnApply(path, text)).toBeUndefined();
  });

  it('reads only actions, with the delimiters the file sets', () => {
    expect(commandCalledBy('{{ output "a" }}')).toBe('output');
    expect(commandCalledBy('[[ output "a" ]]')).toBeUndefined();
  });
});
