import type { Catalogue } from "./catalogue.js";

/**
 * The Japanese catalogue: the same keys as `en.ts`. Company and product names stay as written; money follows the
 * convention stated in `format.ts` (米ドル, with 兆 and 億).
 */
export const ja: Catalogue = {
  report: {
    title: "AIのスケーリングは壁に突き当たるのか、そのとき誰が損失を負うのか",
  },

  cli: {
    unitUsdBillions: "10億米ドル",
  },

  app: {
    title: "wallcast シナリオ・エクスプローラー",
    intro:
      "シナリオを選び、結果を最も左右する前提を動かしてください。シミュレーターはブラウザ内ですべてのコアを使って再計算し、グラフが追随します。",
    language: "言語",
    languages: { en: "English", ja: "日本語" },
    controls: "設定",
    scenario: "シナリオ",
    paths: "パス数",
    seed: "乱数シード",
    year: "年",
    assumptions: "結果を最も左右する前提",
    assumptionsNote:
      "手で選んだのではなく、感度分析で選んだ前提です：標準シナリオの世界全体の前提を一つずつ範囲の両端に固定し（他はすべて抽出）、デフォルトしうる主体の2030年までのデフォルト確率をどれだけ動かすかで順位付けしました。動かしていないスライダーは各パスで記載の範囲から抽出され、動かしたものはその値に固定されます。",
    drawn: "{low}～{high} {unit} の範囲から抽出",
    held: "固定",
    reset: "元に戻す",
    running: "シミュレーション中… {percent}%",
    failed: "シミュレーションに失敗しました：{error}",
    ran: "{paths} パスを {seconds} 秒で計算（Web Worker：{workers} 個）。",
    results: "結果",
    entity: "主体",
    pDefault: "デフォルト確率",
    interval: "95%区間",
    pDefaultTitle: "{year}年末までのデフォルト確率",
    intervalNote: "点：デフォルトしたパスの割合、線：その95%ウィルソン区間。",
    noDefaults: "どのパスでもデフォルトする主体はありません。",
    capabilityTitle: "フロンティアの能力",
    capabilityAxis: "開始時点からの指数ポイント",
    bandsNote: "線：中央値、帯：パスの50%と90%。",
    revenueTitle: "ラボの売上と計算資源への支出",
    revenue: "ラボの売上",
    spend: "計算資源への支出",
    usdBPerQuarter: "10億米ドル／四半期",
    usdB: "10億米ドル",
    lossesTitle: "保有者別の損失",
    lossesNote: "期間全体のパスあたり平均損失（内訳別）。",
    lossParts: {
      direct: "直接損失",
      clearing: "決済時の損失",
      defaultCost: "デフォルト費用",
      fireSale: "投げ売り",
      markToMarket: "時価評価損",
    },
    scenarioNames: {
      default: "標準",
      "backcast-2023": "2023年からの再現",
      ceiling: "天井",
      "china-catch-up": "中国の追い上げ",
      "efficiency-shock": "効率化ショック",
      "export-controls": "輸出規制",
      "new-architectures": "新アーキテクチャ",
      "s-curve-tops": "S字カーブの頭打ち",
      "scaling-continues": "スケーリング継続",
      "us-lead": "米国の優位",
    },
    runs: {
      title: "保存済みの実行",
      none: "保存済みの実行はまだありません（wallcast run で保存されます）。",
      run: "実行",
      created: "作成日",
      scenarios: "シナリオ",
      scenario: "シナリオ",
      open: "開く",
      opened: "実行 {run} のデフォルト確率",
      compare: "二つの実行を比較",
      a: "実行A",
      b: "実行B",
      compareButton: "比較",
      same: "二つの実行のデフォルト確率はすべて一致します。",
      delta: "B − A",
    },
    levers: {
      revenue_efficiencyPassThrough: {
        label: "効率化の価格転嫁率",
        doc: "アルゴリズム効率の向上のうち、ラボが値下げとして顧客に還元する割合。",
      },
      efficiency_growthPerYear: {
        label: "アルゴリズム効率の向上",
        doc: "アルゴリズム効率の年あたり倍率：同じ能力をより少ない計算量で得られる（近年の推計で年約3倍）。",
      },
      revenue_capabilityElasticity: {
        label: "能力向上が利用者にもたらす価値",
        doc: "能力指数1ポイントあたりの、利用者一人当たり価値の増加（対数）。",
      },
      revenue_initialAdoption: {
        label: "開始時点の普及率",
        doc: "開始時点ですでにAIを使っている潜在利用者の割合（バス拡散モデル）。",
      },
      market_roundValuationFloor: {
        label: "資金調達ラウンドの評価額の下限",
        doc: "開始時点に対する評価額の比で、これを下回ると資金調達ラウンドが成立しない水準。",
      },
      market_expectationHalfLifeQuarters: {
        label: "市場が学習する速さ",
        doc: "実現した売上と市場が織り込む売上との差が半分になるまでの四半期数（半減期）。",
      },
    },
    units: {
      fraction: "（割合）",
      "×/year": "倍／年",
      "log value/index point": "対数値／指数ポイント",
      "× start valuation": "倍（開始時点の評価額比）",
      quarters: "四半期",
    },
  },
};
