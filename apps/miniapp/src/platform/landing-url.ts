/**
 * The URL the H5 document loaded at, captured when the bundle first runs (app.ts imports this
 * module first); '' on mini-programs. The SPA router changes location.href later, this does not.
 */
export const landingUrl: string = typeof window === 'undefined' ? '' : window.location.href
