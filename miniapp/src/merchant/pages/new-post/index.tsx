import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts } from '@linli/shared';
import { request, useApi } from '../../../api';
import ActionOutcome from '../../../components/action-outcome';
import ChoiceTabs from '../../../components/choice-tabs';
import DateTimeField, { type DateTimeValue } from '../../../components/date-time-field';
import MerchantLayout from '../../components/merchant-layout';
import PostCard from '../../../components/post-card';
import SubmitButton from '../../../components/submit-button';
import TextField from '../../../components/text-field';
import { fromDateTimeInputs, toDateTimeInputs } from '../../../format/time';
import { useAction } from '../../../hooks/action';
import { useI18n } from '../../../i18n';

type Kind = 'recruitment' | 'promotion';
const DEFAULT_DAYS = 30;
const MAX_DAYS = 180;

/** Publish a recruitment or promotion notice on the community board (it ends on its own). */
export default function NewPostPage() {
  return (
    <MerchantLayout title="merchantConsole.newPost">
      {({ communityId, merchant }) => <PostForm communityId={communityId} merchantId={merchant.id} />}
    </MerchantLayout>
  );
}

function PostForm({ communityId, merchantId }: { communityId: string; merchantId: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('promotion');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [expires, setExpires] = useState<DateTimeValue>(() =>
    toDateTimeInputs(new Date(Date.now() + DEFAULT_DAYS * 24 * 3600 * 1000)),
  );
  const action = useAction();
  const posts = useApi(`posts:${communityId}`, () => request(contracts.listPosts, { params: { cid: communityId } }));
  const mine = posts.data?.items.filter((post) => post.merchantId === merchantId) ?? [];

  const publish = async () => {
    const expiresAt = fromDateTimeInputs(expires.date, expires.time);
    if (!title.trim() || !body.trim()) return action.fail(t('newPost.required'));
    if (!expiresAt) return action.fail(t('newActivity.timeInvalid'));
    const daysAhead = (Date.parse(expiresAt) - Date.now()) / (24 * 3600 * 1000);
    if (daysAhead <= 0 || daysAhead > MAX_DAYS) return action.fail(t('newPost.expiresInvalid'));
    const done = await action.run(async (idempotencyKey) => {
      const post = await request(contracts.createPost, {
        params: { cid: communityId, mid: merchantId },
        body: { kind, title: title.trim(), body: body.trim(), expiresAt },
        idempotencyKey,
      });
      // Held by the content check: it shows on the board once the office has reviewed it.
      return post.status === 'under_review' ? t('posts.heldNotice') : t('newPost.done');
    });
    if (done) {
      setTitle('');
      setBody('');
      posts.reload();
    }
  };

  return (
    <>
      <View className="card" id="post-form">
        <ChoiceTabs
          idPrefix="post-kind"
          value={kind}
          onChange={setKind}
          choices={[
            { value: 'promotion', label: t('postKind.promotion') },
            { value: 'recruitment', label: t('postKind.recruitment') },
          ]}
        />
        <TextField id="post-title" label={t('newPost.title')} value={title} maxlength={60} onChange={setTitle} />
        <TextField
          id="post-body"
          label={t('newPost.body')}
          value={body}
          maxlength={1000}
          multiline
          onChange={setBody}
        />
        <DateTimeField id="post-expires" label={t('newPost.expires')} value={expires} onChange={setExpires} />
        <SubmitButton id="post-submit" busy={action.busy} onClick={publish}>
          {t('newPost.submit')}
        </SubmitButton>
        <ActionOutcome id="post" outcome={action.outcome} />
      </View>
      {mine.length > 0 ? <Text className="section-title">{t('newPost.mine')}</Text> : null}
      {mine.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
    </>
  );
}
