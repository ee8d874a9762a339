import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkDestination } from '../../../../src/modules/affiliation/destination-url.ts';
import { ApiError } from '../../app/api/problem.ts';
import { type Link, type Offer, useCreateLink } from './api.ts';
import { AffiliationProblem, useAffiliationProblemText } from './problem.tsx';

/** A new tracked link to one of a partner's pages, checked against its domains as the API checks it. */
export function LinkForm({ offers, onCreated }: { offers: Offer[]; onCreated: (link: Link) => void }) {
  const { t } = useTranslation('affiliation');
  const problemText = useAffiliationProblemText();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const create = useCreateLink(idempotencyKey);
  const [partnerId, setPartnerId] = useState(offers[0]?.id ?? '');
  const [url, setUrl] = useState('');
  const [campaign, setCampaign] = useState('');
  const [category, setCategory] = useState('');
  const [checked, setChecked] = useState(false);
  const offer = offers.find((o) => o.id === partnerId);
  const check = offer && url.trim() ? checkDestination(url.trim(), offer.domains) : undefined;
  const urlError = checked && !url.trim() ? t('check.url') : checked && check && !check.ok ? problemText(new ApiError({ status: 422, code: check.reason })) : undefined;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        if (!offer || !check?.ok) return;
        create.mutate(
          { partnerId, url: url.trim(), ...(campaign.trim() ? { campaign: campaign.trim() } : {}), ...(category.trim() ? { category: category.trim() } : {}) },
          {
            onSuccess: (link) => {
              onCreated(link);
              setUrl('');
              setCampaign('');
              setCategory('');
              setChecked(false);
              setIdempotencyKey(crypto.randomUUID());
            },
          },
        );
      }}
    >
      <Stack maw={640} gap="sm">
        <NativeSelect label={t('partner')} data={offers.map((o) => ({ value: o.id, label: o.name }))} value={partnerId} onChange={(e) => setPartnerId(e.currentTarget.value)} required />
        <TextInput
          label={t('destination')}
          description={offer ? t('destinationHint', { domains: offer.domains.join(', ') }) : undefined}
          placeholder={offer ? `https://${offer.domains[0]}/…` : undefined}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          required
          type="url"
          inputMode="url"
          spellCheck={false}
          autoCapitalize="none"
          maxLength={2000}
          error={urlError}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('campaign')} value={campaign} onChange={(e) => setCampaign(e.currentTarget.value)} maxLength={100} />
          <TextInput label={t('linkCategory')} value={category} onChange={(e) => setCategory(e.currentTarget.value)} maxLength={60} />
        </SimpleGrid>
        {create.isError && <AffiliationProblem error={create.error} />}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('createLink')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
