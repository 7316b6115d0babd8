// babel-preset-taro compiles TSX for every target; webpack5 is the runner (toolchain.md §3).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
