// Which component draws which kind of settings field (kinds come from schema.js#fieldKind).
// A new schema type means one new component here, never a branch inside SettingsForm.
import BooleanField from './fields/BooleanField.svelte';
import ListField from './fields/ListField.svelte';
import NumberField from './fields/NumberField.svelte';
import PasswordField from './fields/PasswordField.svelte';
import SelectField from './fields/SelectField.svelte';
import StringField from './fields/StringField.svelte';

export const fieldComponents = {
  string: StringField,
  secret: PasswordField,
  boolean: BooleanField,
  number: NumberField,
  enum: SelectField,
  list: ListField,
};

/** The component for a field kind, or null when the panel cannot edit that kind. */
export function componentFor(kind) {
  return fieldComponents[kind] ?? null;
}
