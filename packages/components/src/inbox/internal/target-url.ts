export { targetUrl, type TargetTemplates } from '@bureau/api/links';
