import { Fieldset, Stack, Text } from '@mantine/core';
import { ConfigField } from './ConfigField.js';
import { fieldKey, type FormNode, type FormValues } from './form-model.js';

interface Props {
  readonly nodes: readonly FormNode[];
  readonly values: FormValues;
  readonly onChange: (key: string, value: unknown) => void;
  /** Problems by field key (the API's JSON paths). */
  readonly problems: ReadonlyMap<string, string>;
  readonly parent?: readonly string[];
}

/** config.json's groups as fieldsets, nested as deep as the package nests them, each leaf as its field. */
export function ConfigFormFields({ nodes, values, onChange, problems, parent = [] }: Props) {
  return (
    <Stack gap="sm">
      {nodes.map((node) => {
        const segments = [...parent, node.key];
        const key = fieldKey(segments);
        if (node.widget === 'section') {
          return (
            <Fieldset key={key} legend={node.label} data-testid={`section-${key}`}>
              {node.description && (
                <Text size="sm" c="gray.7" mb="xs">
                  {node.description}
                </Text>
              )}
              <ConfigFormFields nodes={node.children ?? []} values={values} onChange={onChange} problems={problems} parent={segments} />
            </Fieldset>
          );
        }
        return <ConfigField key={key} node={node} fieldKey={key} value={values[key]} onChange={(value) => onChange(key, value)} error={problems.get(key)} />;
      })}
    </Stack>
  );
}
