import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Input, Modal } from 'antd'
import { useState } from 'react'

import { adminApi } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { timelineKey } from './order-timeline'

/** "标记已处理": clears an order's review flag with an optional note, recorded on its timeline. */
export function ReviewButton({ orderNo }: { orderNo: string }) {
  const { message } = App.useApp()
  const [open, setOpen] = useState(false)
  const [note, setNote] = useState('')
  const queryClient = useQueryClient()
  const review = useMutation({
    mutationFn: () => adminApi.review(orderNo, note.trim()),
    onSuccess: async () => {
      setOpen(false)
      setNote('')
      void message.success('已标记为已处理')
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['orders'] }),
        queryClient.invalidateQueries({ queryKey: ['order', orderNo] }),
        queryClient.invalidateQueries({ queryKey: timelineKey(orderNo) }),
      ])
    },
    onError: (error) => void message.error(errorText(error)),
  })
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        标记已处理
      </Button>
      <Modal
        title={`标记已处理：${orderNo}`}
        open={open}
        okText="确认"
        cancelText="取消"
        confirmLoading={review.isPending}
        onOk={() => review.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Input.TextArea
          value={note}
          maxLength={200}
          showCount
          rows={3}
          placeholder="处理说明（选填），会记录在订单时间线上"
          onChange={(event) => setNote(event.target.value)}
        />
      </Modal>
    </>
  )
}
