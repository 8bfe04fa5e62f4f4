/** Version of this copy of the components, shown when two copies meet on one page. */
export const version = '0.1.0';
