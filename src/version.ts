import fs from 'node:fs';

/** The installed package's version; read when asked, so the bundled action never needs package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
