/** One demo product; its picture is images/<sku>.png (drawn by e2e/scripts/draw-product-images.ts). */
export interface DemoProduct {
  sku: string
  name: string
  description: string
  price: number
}

/** The demo store's catalogue, seeded into an empty database; prices in fen. */
export const DEMO_CATALOGUE: readonly DemoProduct[] = [
  {
    sku: 'coffee-beans-500g',
    name: '云南小粒咖啡豆 500g',
    description: '保山产区中度烘焙，坚果与焦糖风味。',
    price: 6800,
  },
  {
    sku: 'longjing-tea-250g',
    name: '西湖龙井 250g',
    description: '明前采摘，豆香清雅，罐装。',
    price: 12800,
  },
  {
    sku: 'wuchang-rice-5kg',
    name: '五常大米 5kg',
    description: '东北稻花香，当季新米，真空包装。',
    price: 8990,
  },
  {
    sku: 'yunnan-mushroom-200g',
    name: '云南野生菌干货 200g',
    description: '牛肝菌、鸡枞菌混合装，煲汤佳品。',
    price: 7900,
  },
  {
    sku: 'sichuan-pepper-100g',
    name: '汉源红花椒 100g',
    description: '麻香浓郁，川菜必备。',
    price: 2600,
  },
  {
    sku: 'ningxia-goji-500g',
    name: '宁夏枸杞 500g',
    description: '中宁头茬枸杞，颗粒饱满。',
    price: 5900,
  },
  {
    sku: 'xinjiang-dates-1kg',
    name: '新疆和田大枣 1kg',
    description: '骏枣特级，肉厚核小。',
    price: 6990,
  },
  {
    sku: 'honey-500g',
    name: '秦岭土蜂蜜 500g',
    description: '百花蜜，自然成熟，玻璃瓶装。',
    price: 9800,
  },
  {
    sku: 'soy-sauce-1l',
    name: '古法酿造生抽 1L',
    description: '365天晒制，零添加。',
    price: 3200,
  },
  {
    sku: 'bamboo-towel-3',
    name: '竹纤维毛巾 3条装',
    description: '柔软吸水，抑菌易干。',
    price: 4900,
  },
  {
    sku: 'ceramic-mug',
    name: '景德镇手绘马克杯',
    description: '青花釉下彩，容量 350ml。',
    price: 8800,
  },
  {
    sku: 'silk-scarf',
    name: '杭州真丝方巾',
    description: '桑蚕丝 16 姆米，90×90cm，礼盒装。',
    price: 29900,
  },
]
