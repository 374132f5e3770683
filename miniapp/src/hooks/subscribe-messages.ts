import Taro from '@tarojs/taro';
import { useCallback, useEffect } from 'react';
import { contracts, type NotificationKind, type SubscribeResponse } from '@linli/shared';
import { request } from '../api';
import { useSession } from '../state/session';

/** WeChat is the only build that can push subscribe messages. */
const CAN_SUBSCRIBE = process.env.TARO_ENV === 'weapp';

/** The stage's template ids, fetched once per session (empty locally: then nothing is asked). */
let templates: { token: string; answer: SubscribeResponse['templates'] } | undefined;

async function loadTemplates(token: string): Promise<void> {
  if (templates?.token === token) return;
  const answer = await request(contracts.getSubscriptions);
  templates = { token, answer: answer.templates };
}

/**
 * Asks the resident, inside the tap that starts an action, whether WeChat may tell them the result
 * (`wx.requestSubscribeMessage`), then tells the server which kinds they accepted. It never blocks
 * or fails the action: outside WeChat, without templates, or when refused, it does nothing.
 */
export function useSubscribeMessages(): (kinds: readonly NotificationKind[]) => void {
  const { token } = useSession();
  useEffect(() => {
    if (CAN_SUBSCRIBE && token) loadTemplates(token).catch(() => undefined);
  }, [token]);

  return useCallback(
    (kinds) => {
      if (!CAN_SUBSCRIBE || !token || templates?.token !== token) return;
      // WeChat asks about at most three templates at a time.
      const wanted = kinds
        .flatMap((kind) => {
          const templateId = templates?.answer[kind];
          return templateId ? [{ kind, templateId }] : [];
        })
        .slice(0, 3);
      if (wanted.length === 0) return;
      Taro.requestSubscribeMessage({ tmplIds: wanted.map((one) => one.templateId), entityIds: [] })
        .then((answer) => {
          const accepted = wanted
            .filter((one) => (answer as unknown as Record<string, string>)[one.templateId] === 'accept')
            .map((one) => one.kind);
          if (accepted.length > 0) return request(contracts.subscribe, { body: { kinds: accepted } });
          return undefined;
        })
        .catch(() => undefined);
    },
    [token],
  );
}
