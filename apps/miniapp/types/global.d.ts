/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** The build target; Taro replaces it at compile time. */
    TARO_ENV: 'weapp' | 'alipay' | 'h5'
    /** The BFF's origin ('' = the page's own origin on h5); replaced at compile time. */
    TARO_APP_BFF_URL?: string
  }
}
