// Pure rules shared by the API's schemas and the web app's forms, so both refuse the same input.

/** A partner domain: a host name such as shop.example.fr (lower case, no trailing dot). */
export const HOST_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** A query parameter name of a partner URL or a network postback. */
export const PARAM_NAME_PATTERN = /^[A-Za-z0-9_.\-[\]]{1,64}$/;
