import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client.ts';
import { ApiError, unwrap } from '../../app/api/problem.ts';
import { useCodeText } from '../../app/api/problem-text.ts';
import { signIn } from '../../app/auth/use-session.ts';
import { showProblemOnFields } from '../../app/forms/problem-fields.ts';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { registerBody, registerSchema, type RegisterForm as Values } from './register-schema.ts';

const FIELDS = ['role', 'name', 'email', 'password', 'company.name', 'company.siren'] as const;
const FIELD_OF_CODE = {
  EMAIL_INVALID: 'email',
  PASSWORD_TOO_WEAK: 'password',
  COMPANY_REQUIRED: 'company.name',
  SIREN_INVALID: 'company.siren',
} as const;

/**
 * A new owner or professional account, signed in as soon as it exists. The API answers the same
 * whether or not the address already had an account (it emails the owner of the address): when
 * signing in with this password fails, the form says to look at the mailbox.
 */
export function RegisterForm() {
  const { t } = useTranslation('auth');
  const { t: common } = useTranslation('common');
  const codeText = useCodeText();
  const form = useForm<Values>({
    resolver: zodResolver(registerSchema),
    defaultValues: { role: 'owner', name: '', email: '', password: '', company: { name: '', siren: '' } },
  });
  const mutation = useMutation({
    mutationFn: async (v: Values): Promise<'signed-in' | 'check-mailbox'> => {
      await unwrap(api.POST('/v1/auth/register', { body: registerBody(v) }));
      try {
        await signIn(v.email, v.password);
        return 'signed-in';
      } catch (err) {
        if (err instanceof ApiError && err.problem.code === 'LOGIN_FAILED') return 'check-mailbox';
        throw err;
      }
    },
  });
  const submit = form.handleSubmit((v) =>
    mutation.mutate(v, {
      onError: (error) => {
        const onField = showProblemOnFields(error, form.setError, {
          fields: FIELDS,
          fieldOfCode: FIELD_OF_CODE,
          message: (code) => codeText(code),
          invalidField: common('fieldInvalid'),
        });
        if (onField) mutation.reset();
      },
    }),
  );
  const errors = form.formState.errors;
  // Client-side messages are keys of the auth messages; the API's are already words.
  const err = (e?: { message?: string; type?: string }) => (e?.message ? (e.type === 'server' ? e.message : t(e.message)) : undefined);
  const isPro = form.watch('role') === 'pro';
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Radio.Group label={t('accountType')} value={field.value} onChange={field.onChange} name={field.name}>
              <Group mt="xs">
                <Radio value="owner" label={t('owner')} />
                <Radio value="pro" label={t('pro')} />
              </Group>
            </Radio.Group>
          )}
        />
        <TextInput label={t('name')} autoComplete="name" required error={err(errors.name)} {...form.register('name')} />
        <TextInput label={t('email')} type="email" autoComplete="email" required error={err(errors.email)} {...form.register('email')} />
        <PasswordInput
          label={t('password')}
          description={t('passwordHint')}
          autoComplete="new-password"
          required
          error={err(errors.password)}
          {...form.register('password')}
        />
        {isPro && (
          <>
            <TextInput label={t('companyName')} autoComplete="organization" required error={err(errors.company?.name)} {...form.register('company.name')} />
            <TextInput
              label={t('siren')}
              description={t('sirenHint')}
              inputMode="numeric"
              required
              error={err(errors.company?.siren)}
              {...form.register('company.siren')}
            />
            <Text size="sm" c="dimmed">
              {t('proNote')}
            </Text>
          </>
        )}
        {mutation.isError && <ProblemAlert error={mutation.error} />}
        {mutation.data === 'check-mailbox' && (
          <Alert color="blue" variant="light" role="status">
            {t('checkMailbox')}
          </Alert>
        )}
        <Button type="submit" loading={mutation.isPending}>
          {t('register')}
        </Button>
      </Stack>
    </form>
  );
}
