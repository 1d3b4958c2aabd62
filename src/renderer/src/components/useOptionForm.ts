/**
 * The state behind a form generated from an option spec: the values as typed, the
 * per-field errors, the form's error line and the advanced group. submit() checks the
 * values against their specs first (a sentence beside each field that is wrong, the first
 * field focused), then runs the call, and puts an engine error beside the field it names
 * (LabError.field), opening the advanced group when that field is there.
 */
import { useState } from 'react';
import type { OptionSpec } from '../../../shared/options.js';
import { fieldOf, messageOf } from '../api/errors.js';
import type { FieldValue } from './OptionField.js';
import { collectValues, type OptionFormValues } from './OptionFields.js';

export interface OptionForm {
  fieldErrors: Record<string, string>;
  formError: string | null;
  setFormError: (message: string | null) => void;
  advancedOpen: boolean;
  setAdvancedOpen: (open: boolean) => void;
  busy: boolean;
  /** Clears the field's error (call it when the field changes). */
  touched: (key: string) => void;
  clearErrors: () => void;
  /**
   * Checks `shown`'s values from `values` and runs `send` with them; false if nothing was sent or it failed.
   * `where` names the option set as the engine does ("PPMI-SVD"), so the form's line words a problem as the engine would.
   */
  submit: (shown: OptionSpec[], values: OptionFormValues, send: (params: Record<string, unknown>) => Promise<void>, where?: string) => Promise<boolean>;
}

export function useOptionForm(): OptionForm {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const showErrors = (shown: OptionSpec[], errors: Record<string, string>, first: string): void => {
    setFieldErrors(errors);
    setFormError(first);
    if (shown.some((o) => o.advanced && errors[o.key])) setAdvancedOpen(true);
    // The first field that is wrong takes the focus (once the advanced group has opened).
    const key = shown.find((o) => errors[o.key])?.key;
    if (key) requestAnimationFrame(() => document.getElementById(`opt-${key}`)?.focus());
  };

  return {
    fieldErrors, formError, setFormError, advancedOpen, setAdvancedOpen, busy,
    touched: (key) => {
      setFieldErrors(({ [key]: _gone, ...rest }) => rest);
      setFormError(null);
    },
    clearErrors: () => {
      setFieldErrors({});
      setFormError(null);
    },
    submit: async (shown, values, send, where) => {
      if (busy) return false;
      const { params, problems } = collectValues(shown, values, where);
      const wrong = shown.filter((o) => problems[o.key]);
      if (wrong.length) {
        const more = wrong.length > 2 ? ` ${wrong.length - 1} more fields need a change too.` : wrong.length === 2 ? ' One more field needs a change too.' : '';
        showErrors(shown, Object.fromEntries(wrong.map((o) => [o.key, problems[o.key].field])), problems[wrong[0].key].summary + more);
        return false;
      }
      setBusy(true);
      setFieldErrors({});
      setFormError(null);
      try {
        await send(params);
        return true;
      } catch (err) {
        const message = messageOf(err);
        const key = fieldOf(err);
        if (key && shown.some((o) => o.key === key)) showErrors(shown, { [key]: message }, message);
        else setFormError(message);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

export type { FieldValue };
