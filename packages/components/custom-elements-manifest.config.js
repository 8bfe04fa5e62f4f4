// custom-elements.json from the JSDoc of every component (`@tagname @slot @event @csspart @cssproperty`).

/** Events are dispatched as class instances (`new BureauSignOutEvent()`): the analyzer cannot read
 * their names from the call, so it lists them once more without a name. The JSDoc `@event` tags
 * already document them; drop the nameless duplicates. */
const dropNamelessEvents = {
  name: 'bureau-drop-nameless-events',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/i18n/**', 'src/bureau.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [dropNamelessEvents],
};
