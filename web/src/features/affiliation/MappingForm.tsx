import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Code, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type Partner, type PostbackMapping, useSetMapping } from './api.ts';
import { mappingFormSchema, type MappingFormInput, mappingFormValues } from './mapping-form.ts';
import { AffiliationProblem } from './problem.tsx';

const PARAMS = [
  ['orderId', 'paramOrderId', 'transaction_id'],
  ['amount', 'paramAmount', 'sale_amount'],
  ['clickId', 'paramClickId', 'aff_sub'],
  ['currency', 'paramCurrency', 'currency'],
  ['category', 'paramCategory', 'category'],
  ['status', 'paramStatus', 'status'],
] as const;

/** The parameter names of a network's GET postbacks, with an example of the call they describe. */
export function MappingForm({ partner }: { partner: Partner }) {
  const { t } = useTranslation('affiliation');
  const save = useSetMapping(partner.id);
  const form = useForm<MappingFormInput, unknown, PostbackMapping>({ resolver: zodResolver(mappingFormSchema), defaultValues: mappingFormValues(partner.postbackMapping) });
  const values = useFieldArray({ control: form.control, name: 'statusValues' });
  const errors = form.formState.errors;
  const err = (e?: { message?: string }) => (e?.message ? t(e.message) : undefined);
  const statuses = (['pending', 'approved', 'reversed'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }));
  const watched = form.watch();
  const example = [
    `${window.location.origin}/v1/affiliate/postbacks/${partner.id}?token=…`,
    ...PARAMS.filter(([key]) => watched[key]?.trim()).map(([key]) => `${watched[key]!.trim()}={${key}}`),
  ].join('&');
  return (
    <form noValidate onSubmit={form.handleSubmit((m) => save.mutate(m, { onSuccess: (p) => form.reset(mappingFormValues(p.postbackMapping)) }))}>
      <Stack maw={640} gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          {PARAMS.map(([key, label, placeholder]) => (
            <TextInput
              key={key}
              label={key === 'orderId' || key === 'amount' ? t(label) : `${t(label)} (${t('optional')})`}
              required={key === 'orderId' || key === 'amount'}
              placeholder={t('example', { value: placeholder })}
              spellCheck={false}
              autoCapitalize="none"
              error={err(errors[key])}
              {...form.register(key)}
            />
          ))}
          <NativeSelect label={t('amountUnit')} data={[{ value: 'decimal', label: t('unitDecimal') }, { value: 'cents', label: t('unitCents') }]} {...form.register('amountUnit')} />
          <NativeSelect label={t('defaultStatus')} data={statuses} {...form.register('defaultStatus')} />
        </SimpleGrid>
        <Text size="sm" fw={500}>
          {t('statusValues')}
        </Text>
        {values.fields.map((field, i) => (
          <Paper key={field.id} withBorder p="xs">
            <Group align="flex-end" wrap="wrap">
              <TextInput label={t('networkValue')} required error={err(errors.statusValues?.[i]?.network)} {...form.register(`statusValues.${i}.network`)} />
              <NativeSelect label={t('ourStatus')} data={statuses} {...form.register(`statusValues.${i}.ours`)} />
              <Button variant="subtle" color="red" size="xs" onClick={() => values.remove(i)}>
                {t('remove')}
              </Button>
            </Group>
          </Paper>
        ))}
        <div>
          <Button variant="default" size="xs" onClick={() => values.append({ network: '', ours: 'approved' })}>
            {t('addStatusValue')}
          </Button>
        </div>
        <div>
          <Text size="sm" fw={500}>
            {t('exampleUrl')}
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {example}
          </Code>
        </div>
        {save.isError && <AffiliationProblem error={save.error} />}
        {save.isSuccess && !form.formState.isDirty && (
          <Alert color="teal" role="status">
            {t('mappingSaved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
