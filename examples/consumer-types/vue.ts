// A Vue 3 app's view of the Bureau elements through GlobalComponents.
import type {} from '@bureau/components/vue';
import type { GlobalComponents } from 'vue';

type ChatProps = InstanceType<GlobalComponents['bureau-chat']>['$props'];
export const props: ChatProps = { room: 'espace-rh-360-general', onBureauMessageSend: (event) => console.log(event.text) };
// @ts-expect-error: a room is a string
export const wrong: ChatProps = { room: 42 };
