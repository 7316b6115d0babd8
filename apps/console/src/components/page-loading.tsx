import './page-loading.css'

/** A centred spinner in plain CSS, for the moments before antd's chunk is there. */
export function PageLoading() {
  return <div className="qp-page-loading" role="status" aria-label="加载中" />
}
