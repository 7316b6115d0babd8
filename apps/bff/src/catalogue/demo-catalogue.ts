/** One demo product with what its illustration needs (tile colour and emoji). */
export interface DemoProduct {
  sku: string
  name: string
  description: string
  price: number
  color: string
  emoji: string
}

/** The demo store's catalogue, seeded into an empty database; prices in fen. */
export const DEMO_CATALOGUE: readonly DemoProduct[] = [
  {
    sku: 'coffee-beans-500g',
    name: '云南小粒咖啡豆 500g',
    description: '保山产区中度烘焙，坚果与焦糖风味。',
    price: 6800,
    color: '#8d5b3f',
    emoji: '☕',
  },
  {
    sku: 'longjing-tea-250g',
    name: '西湖龙井 250g',
    description: '明前采摘，豆香清雅，罐装。',
    price: 12800,
    color: '#6a9f58',
    emoji: '🍵',
  },
  {
    sku: 'wuchang-rice-5kg',
    name: '五常大米 5kg',
    description: '东北稻花香，当季新米，真空包装。',
    price: 8990,
    color: '#d8c48a',
    emoji: '🍚',
  },
  {
    sku: 'yunnan-mushroom-200g',
    name: '云南野生菌干货 200g',
    description: '牛肝菌、鸡枞菌混合装，煲汤佳品。',
    price: 7900,
    color: '#a0703c',
    emoji: '🍄',
  },
  {
    sku: 'sichuan-pepper-100g',
    name: '汉源红花椒 100g',
    description: '麻香浓郁，川菜必备。',
    price: 2600,
    color: '#b23a2a',
    emoji: '🌶',
  },
  {
    sku: 'ningxia-goji-500g',
    name: '宁夏枸杞 500g',
    description: '中宁头茬枸杞，颗粒饱满。',
    price: 5900,
    color: '#d2452f',
    emoji: '🍒',
  },
  {
    sku: 'xinjiang-dates-1kg',
    name: '新疆和田大枣 1kg',
    description: '骏枣特级，肉厚核小。',
    price: 6990,
    color: '#9c2f24',
    emoji: '🌰',
  },
  {
    sku: 'honey-500g',
    name: '秦岭土蜂蜜 500g',
    description: '百花蜜，自然成熟，玻璃瓶装。',
    price: 9800,
    color: '#e3a521',
    emoji: '🍯',
  },
  {
    sku: 'soy-sauce-1l',
    name: '古法酿造生抽 1L',
    description: '365天晒制，零添加。',
    price: 3200,
    color: '#4a2c1d',
    emoji: '🥢',
  },
  {
    sku: 'bamboo-towel-3',
    name: '竹纤维毛巾 3条装',
    description: '柔软吸水，抑菌易干。',
    price: 4900,
    color: '#5aa5a0',
    emoji: '🧺',
  },
  {
    sku: 'ceramic-mug',
    name: '景德镇手绘马克杯',
    description: '青花釉下彩，容量 350ml。',
    price: 8800,
    color: '#2f5d9e',
    emoji: '🏺',
  },
  {
    sku: 'silk-scarf',
    name: '杭州真丝方巾',
    description: '桑蚕丝 16 姆米，90×90cm，礼盒装。',
    price: 29900,
    color: '#b0487a',
    emoji: '🧣',
  },
]
