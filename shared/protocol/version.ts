/** Version of the browser ↔ server protocol; bumped on any incompatible change to frames or events. */
export const PROTOCOL_VERSION = 1;
