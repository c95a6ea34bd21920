import { NumberInput, Select, Switch, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { OptionDraft, OptionField } from './provider-options.js';

export interface ProviderOptionInputProps {
  readonly field: OptionField;
  readonly value: OptionDraft;
  readonly onChange: (value: OptionDraft) => void;
  /** What is wrong with the value: a JSON parse error, or the API's problem with it. */
  readonly error?: string;
}

/** A boolean without a default is three-way: unset leaves the choice to the provider. */
const TRI_STATE = [
  { value: 'unset', label: 'Provider decides' },
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** One provider option drawn as the input its type calls for. */
export function ProviderOptionInput({ field, value, onChange, error }: ProviderOptionInputProps) {
  const common = { label: field.label, description: field.description, required: field.required, error, 'data-testid': `option-${field.key}` };
  switch (field.type) {
    case 'NUMBER':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : '')}
          allowDecimal={false}
          placeholder={field.defaultJson === null ? 'Unset' : undefined}
        />
      );
    case 'BOOLEAN':
      if (field.defaultJson === null) {
        return <Select {...common} data={TRI_STATE} value={value === undefined ? 'unset' : String(value)} onChange={(next) => onChange(next === 'true' ? true : next === 'false' ? false : undefined)} allowDeselect={false} />;
      }
      return <Switch {...common} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} />;
    case 'STRING_LIST':
      return <TagsInput {...common} value={Array.isArray(value) ? [...value] : []} onChange={onChange} placeholder="Type a value, then Enter" splitChars={[',', ' ']} />;
    case 'JSON':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={10}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    default:
      return <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value)} placeholder={field.required ? undefined : 'Unset'} />;
  }
}
