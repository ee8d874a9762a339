import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { showProblemOnFields } from '../../app/forms/problem-fields.ts';
import { type NewPartner, type PartnerWithSecret, useCreatePartner } from './api.ts';
import { emptyPartnerForm, type PartnerFormInput, partnerFormSchema } from './partner-form.ts';
import { AffiliationProblem, useAffiliationProblemText } from './problem.tsx';

const FIELDS = ['name', 'domains', 'currency', 'commission.value', 'attributionWindowDays', 'clickIdParam'] as const;

/** The new partner form: domains, commission (with category overrides), attribution window, click parameter. */
export function PartnerForm({ onCreated }: { onCreated: (partner: PartnerWithSecret) => void }) {
  const { t } = useTranslation('affiliation');
  const { t: common } = useTranslation('common');
  const problemText = useAffiliationProblemText();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const create = useCreatePartner(idempotencyKey);
  const form = useForm<PartnerFormInput, unknown, NewPartner>({ resolver: zodResolver(partnerFormSchema), defaultValues: emptyPartnerForm });
  const categories = useFieldArray({ control: form.control, name: 'byCategory' });
  const errors = form.formState.errors;
  const err = (e?: { message?: string; type?: string }) => (e?.message ? (e.type === 'server' ? e.message : t(e.message)) : undefined);
  const currency = form.watch('currency') || 'EUR';
  const valueLabel = (type: string) => (type === 'fixed' ? t('fixedValue', { currency }) : t('percentValue'));
  const typeOptions = [
    { value: 'percent', label: t('percent') },
    { value: 'fixed', label: t('fixed') },
  ];

  const submit = form.handleSubmit((body) =>
    create.mutate(body, {
      onSuccess: (partner) => {
        onCreated(partner);
        form.reset(emptyPartnerForm);
        setIdempotencyKey(crypto.randomUUID());
      },
      onError: (error) => {
        const options = { fields: FIELDS, fieldOfCode: { COMMISSION_INVALID: 'commission.value' as const }, message: () => problemText(error), invalidField: common('fieldInvalid') };
        if (showProblemOnFields(error, form.setError, options)) create.reset();
      },
    }),
  );

  return (
    <form noValidate onSubmit={submit}>
      <Stack maw={640} gap="sm">
        <TextInput label={t('name')} required maxLength={120} error={err(errors.name)} {...form.register('name')} />
        <Textarea label={t('domains')} description={t('domainsHint')} required autosize minRows={2} spellCheck={false} autoCapitalize="none" error={err(errors.domains)} {...form.register('domains')} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <NativeSelect label={t('commissionType')} data={typeOptions} {...form.register('commission.type')} />
          <TextInput label={valueLabel(form.watch('commission.type'))} required inputMode="decimal" error={err(errors.commission?.value)} {...form.register('commission.value')} />
          <TextInput label={t('currency')} required maxLength={3} autoCapitalize="characters" error={err(errors.currency)} {...form.register('currency')} />
        </SimpleGrid>
        <Text size="sm" fw={500}>
          {t('byCategory')}
        </Text>
        {categories.fields.map((field, i) => (
          <Paper key={field.id} withBorder p="xs">
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <TextInput label={t('category')} required error={err(errors.byCategory?.[i]?.category)} {...form.register(`byCategory.${i}.category`)} />
              <NativeSelect label={t('commissionType')} data={typeOptions} {...form.register(`byCategory.${i}.type`)} />
              <TextInput label={valueLabel(form.watch(`byCategory.${i}.type`))} required inputMode="decimal" error={err(errors.byCategory?.[i]?.value)} {...form.register(`byCategory.${i}.value`)} />
            </SimpleGrid>
            <Button variant="subtle" color="red" size="xs" mt="xs" onClick={() => categories.remove(i)}>
              {t('remove')}
            </Button>
          </Paper>
        ))}
        <div>
          <Button variant="default" size="xs" onClick={() => categories.append({ category: '', type: 'percent', value: '' })}>
            {t('addCategory')}
          </Button>
        </div>
        <TextInput label={t('window')} required inputMode="numeric" maw={200} error={err(errors.attributionWindowDays)} {...form.register('attributionWindowDays')} />
        <TextInput label={t('clickIdParam')} description={t('clickIdParamHint')} required spellCheck={false} autoCapitalize="none" maw={320} error={err(errors.clickIdParam)} {...form.register('clickIdParam')} />
        {create.isError && <AffiliationProblem error={create.error} />}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('createPartner')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
