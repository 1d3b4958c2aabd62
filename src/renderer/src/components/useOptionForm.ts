/**
 * The state behind a form generated from an option spec: the values as typed, the
 * per-field errors, the form's error line and the advanced group. submit() collects
 * the values, reports empty fields, runs the call, and puts an engine error beside the
 * field it names (LabError.field), opening the advanced group when that field is there.
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
  /** Collects `shown`'s values from `values` and runs `send` with them; false if nothing was sent or it failed. */
  submit: (shown: OptionSpec[], values: OptionFormValues, send: (params: Record<string, unknown>) => Promise<void>) => Promise<boolean>;
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
    submit: async (shown, values, send) => {
      if (busy) return false;
      const { params, missing } = collectValues(shown, values);
      if (Object.keys(missing).length) {
        showErrors(shown, missing, Object.values(missing)[0]);
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
