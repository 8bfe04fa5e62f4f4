// What a Vue project's env.d.ts says: a .vue file is a component.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
