import { allSettingGroups, describeSettings } from '@pitrix/config';

/** The README's configuration table, generated from the settings themselves. */
export function configurationTable(): string {
  const rows = Object.values(allSettingGroups).flatMap((group) => describeSettings(group));
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...rows.map((row) => `| \`${row.env}\` | \`${escape(row.defaultValue)}\` | ${escape(row.description)} |`),
  ].join('\n');
}

if (require.main === module) console.log(configurationTable());
