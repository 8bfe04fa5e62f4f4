// Type of the module the root web-test-runner config serves at /__bureau__/config.js.
export declare const apiUrl: string;
