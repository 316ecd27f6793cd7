/**
 * A form submitted through a contract call: the form is read into a request first, and a
 * field that cannot be read is reported on that field instead of calling at all. The result
 * remembers the form it answered: `staleFor(form)` says when the inputs changed since, so a
 * view marks it out of date instead of showing it as current.
 */
import { useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import type { Result } from '../../../shared/result'
import type { FormResult } from '../forms/form-fields'
import { useApiCall } from './useApiCall'

export function useFormRequest<Form, Request, Field extends string, T>(
  build: (form: Form) => FormResult<Request, Field>,
  call: (request: Request) => Promise<Result<T>>,
) {
  const request = useApiCall(call)
  const [fieldError, setFieldError] = useState<{ field: Field; error: ErrorPayload } | null>(null)
  const [answered, setAnswered] = useState<Form | null>(null)
  const submit = (form: Form) => {
    setAnswered(form)
    const built = build(form)
    if (!built.ok) {
      setFieldError({ field: built.field, error: built.error })
      request.reset()
      return
    }
    setFieldError(null)
    void request.run(built.value)
  }
  /** The error of `field`, when reading the form stopped there. */
  const errorFor = (field: Field) => (fieldError?.field === field ? fieldError.error : null)
  /** True when there is a result and `form` is no longer the form it answered. */
  const staleFor = (form: Form) => request.value !== null && answered !== form
  return { ...request, submit, errorFor, staleFor }
}
