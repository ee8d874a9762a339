import { zodResolver } from '@hookform/resolvers/zod';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { signIn } from '../../app/auth/use-session.ts';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';

const schema = z.object({ email: z.email('errors.email'), password: z.string().min(1, 'errors.passwordRequired') });
type SignIn = z.infer<typeof schema>;

/** Email + password; a refused sign-in (LOGIN_FAILED, LOGIN_LOCKED, RATE_LIMITED) is said above the button. */
export function SignInForm() {
  const { t } = useTranslation('auth');
  const form = useForm<SignIn>({ resolver: zodResolver(schema), defaultValues: { email: '', password: '' } });
  const mutation = useMutation({ mutationFn: (v: SignIn) => signIn(v.email, v.password) });
  const err = (m?: string) => (m ? t(m) : undefined);
  return (
    <form noValidate onSubmit={form.handleSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <TextInput label={t('email')} type="email" autoComplete="username" required error={err(form.formState.errors.email?.message)} {...form.register('email')} />
        <PasswordInput label={t('password')} autoComplete="current-password" required error={err(form.formState.errors.password?.message)} {...form.register('password')} />
        {mutation.isError && <ProblemAlert error={mutation.error} />}
        <Button type="submit" loading={mutation.isPending}>
          {t('signIn')}
        </Button>
      </Stack>
    </form>
  );
}
