import type { AppContext } from '../../api/http/context';
import type { FieldError } from '../../api/http/errors';
import { say } from '../i18n';

/** A multi-line field with label, hint and error, like layout.tsx's Field. */
export function TextArea(props: { c: AppContext; name: string; label: string; value?: string | null; errors?: FieldError[]; hint?: string; rows?: number }) {
  const id = `f-${props.name}`;
  const error = props.errors?.find((e) => e.field === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="error">
          {say(props.c, error.message)}
        </small>
      )}
      <textarea id={id} name={props.name} rows={props.rows ?? 3} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/** Form values as the form shows them again: strings, with stored amounts as German text. */
export type FormValues = Record<string, string | number | null | undefined>;
