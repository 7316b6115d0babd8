import createDebug from 'debug'

/** The client's logger (`DEBUG=quickpay:lianke`); it never receives openids or bodies. */
export const log = createDebug('quickpay:lianke')
