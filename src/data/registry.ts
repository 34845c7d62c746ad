import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/errors.js";

/** One file of a dataset, stored at `<dataDir>/<dataset folder>/<name>`. */
export interface DatasetFile {
  name: string;
  /** Size in bytes of the pinned version. */
  bytes: number;
  /** Lower-case hex sha256 of the pinned version. */
  sha256: string;
  /** Path inside the source repository; absent for derived files. */
  upstreamPath?: string;
  /** Commit the download URL is pinned to (the dataset's commit unless this file's path is confirmed elsewhere). */
  commit?: string;
  /** Raw download URL pinned to `commit`; absent for derived files. */
  url?: string;
  /**
   * For a derived (`DERIVED_`) file, which has no public copy: what it was derived from and how. `wallcast data
   * pull` rebuilds it from its pinned public originals by the dataset's recipe (src/data/derive).
   */
  derivedFrom?: string;
}

/** The repository a dataset's files come from. */
export interface DatasetSource {
  /** Repository URL, e.g. `https://github.com/epoch-research/analyzing-chinchilla`. */
  repository: string;
  /** Commit of the snapshot the files were taken from (40 hex digits). */
  commit: string;
}

/** A dataset the project knows: where it lives in the data directory and where it comes from. */
export interface Dataset {
  /** Short id used on the command line (`wallcast fit chinchilla`). */
  id: string;
  title: string;
  /** Folder under the data directory. */
  folder: string;
  files: DatasetFile[];
  /** File used when a reference names the dataset without `:file`. */
  defaultFile?: string;
  source: DatasetSource;
  /** Licence as found in the source; "no LICENSE file" means the reuse terms are unclear. */
  licence: string;
  /** Paper or authors to cite. */
  citation: string;
}

const RAW_BASE = "https://raw.githubusercontent.com";

/** A file as written in the table below: `path` for a public upstream file, `derivedFrom` for a DERIVED one. */
interface FileSpec {
  name: string;
  bytes: number;
  sha256: string;
  path?: string;
  commit?: string;
  derivedFrom?: string;
}

/** `owner/repo` of a `https://github.com/<owner>/<repo>` repository URL. */
export function githubSlug(repository: string): string {
  const match = /^https:\/\/github\.com\/([^/]+\/[^/]+)$/.exec(repository);
  if (!match) throw new RangeError(`invalid repository: ${repository}`);
  return match[1];
}

/** The raw.githubusercontent.com URL of `path` in `repository` at `commit`, each path segment encoded. */
export function rawGithubUrl(repository: string, commit: string, path: string): string {
  const slug = githubSlug(repository);
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new RangeError(`invalid commit: ${commit}`);
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${RAW_BASE}/${slug}/${commit}/${encoded}`;
}

function defineDataset(spec: Omit<Dataset, "files"> & { files: FileSpec[] }): Dataset {
  const files = spec.files.map((f): DatasetFile => {
    if (f.path === undefined) {
      if (f.derivedFrom === undefined)
        throw new RangeError(`invalid file ${f.name}: neither path nor derivedFrom`);
      return { name: f.name, bytes: f.bytes, sha256: f.sha256, derivedFrom: f.derivedFrom };
    }
    const commit = f.commit ?? spec.source.commit;
    return {
      name: f.name,
      bytes: f.bytes,
      sha256: f.sha256,
      upstreamPath: f.path,
      commit,
      url: rawGithubUrl(spec.source.repository, commit, f.path),
    };
  });
  return { ...spec, files };
}

const EPOCH_CC_BY =
  "Epoch AI states its data is CC BY 4.0 (cite as Epoch AI, 'Data on AI Models'; not verified to cover this repository)";

/** Every dataset wallcast reads. Sizes and hashes are those of the files in the shared data folder. */
export const DATASETS: readonly Dataset[] = [
  defineDataset({
    id: "chinchilla",
    title: "Chinchilla (Hoffmann et al. 2022, Fig. 4) points digitised by Epoch AI",
    folder: "chinchilla_epoch",
    source: {
      repository: "https://github.com/epoch-research/analyzing-chinchilla",
      commit: "92258837425e1b5f2851d624287f0120583a3d0e",
    },
    licence:
      "no LICENSE file; Epoch AI's website says its work is CC BY (not verified to cover this repository)",
    citation:
      "Besiroglu, Erdil, Barnett, You (2024), Chinchilla Scaling: A replication attempt, arXiv:2404.10102; " +
      "data digitised from Hoffmann et al. (2022), Training Compute-Optimal Large Language Models, Fig. 4",
    files: [
      {
        name: "svg_extracted_data.csv",
        bytes: 23224,
        sha256: "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30",
        path: "data/svg_extracted_data.csv",
      },
    ],
    defaultFile: "svg_extracted_data.csv",
  }),
  defineDataset({
    id: "bnsl",
    title: "BNSL 4-digit addition (Caballero et al. 2022, Fig. 4 left)",
    folder: "bnsl",
    source: {
      repository: "https://github.com/ethancaballero/broken_neural_scaling_laws",
      commit: "ffa608f7ca7910b6f6bcbd39915491353ad5d600",
    },
    licence: "no LICENSE file",
    citation: "Caballero, Gupta, Rish, Krueger (2022), Broken Neural Scaling Laws, arXiv:2210.14891",
    files: [
      {
        name: "DERIVED_bnsl_4digit_addition_fig4left.csv",
        bytes: 394,
        sha256: "d5c96ce0d5c5574b60fd6df9298e749a8c0dad2046829a5d8dbfc89803e68d64",
        derivedFrom:
          "arrays x and y of fit_bnsl_and_extrapolate__4_digit_addition__dataset_size_x-axis.py, " +
          "copied verbatim; split = fit for the first 14 points, extrapolate for the last 3",
      },
    ],
    defaultFile: "DERIVED_bnsl_4digit_addition_fig4left.csv",
  }),
  defineDataset({
    id: "muennighoff2023",
    title: "Data-constrained scaling runs (Muennighoff et al. 2023)",
    folder: "muennighoff2023",
    source: {
      repository: "https://github.com/huggingface/datablations",
      commit: "13701315b163f1c54642b94ad237b2699187c3ee",
    },
    licence: "Apache-2.0 (LICENSE.md)",
    citation:
      "Muennighoff et al. (2023), Scaling Data-Constrained Language Models, NeurIPS 2023, arXiv:2305.16264",
    files: [
      {
        name: "DERIVED_datablations_fit_points_182.csv",
        bytes: 10864,
        sha256: "ae459423fe24ea15385d06ade718201f31b12d224040a8d4d53e136b59dee194",
        derivedFrom:
          "printed output of cell 26 of utils/parametric_fit.ipynb (182 points, outliers removed); " +
          "billions multiplied by 1e9",
      },
      {
        name: "DERIVED_datablations_all_points_cell2.csv",
        bytes: 17722,
        sha256: "e4a695e616a5b4ec39fd4796de27a7799737b7544ba46ccd2d116beec85fd682",
        derivedFrom:
          "printed output of cell 2 of utils/parametric_fit.ipynb (296 points, before outlier removal)",
      },
    ],
    defaultFile: "DERIVED_datablations_fit_points_182.csv",
  }),
  defineDataset({
    id: "porian2024",
    title: "Resolving scaling-law discrepancies (Porian et al. 2024)",
    folder: "porian2024",
    source: {
      repository: "https://github.com/formll/resolving-scaling-law-discrepancies",
      commit: "0dc60d91b8a525858a3067fc9e4a46ff5374cc6f",
    },
    licence: "MIT wording in LICENSE, headed 'Copyright (c) 2012-2024 Scott Chacon and others'",
    citation:
      "Porian, Wortsman, Jitsev, Schmidt, Carmon (2024), Resolving Discrepancies in Compute-Optimal Scaling " +
      "of Language Models, arXiv:2406.19146",
    files: [
      {
        name: "DERIVED_porian2024_isoflop_points.csv",
        bytes: 232941,
        sha256: "a16d38eb291641ae0d361d8b115640be1f5d3d6b5214343a1aa0073469ae1efc",
        derivedFrom: "per-run points (orig_n/orig_t/orig_loss) of data/summary_df*.pickle.xz",
      },
      {
        name: "DERIVED_porian2024_compute_optimal_points.csv",
        bytes: 38687,
        sha256: "41166740591a90cab73301609c728da2d852c5c03b695ed22c1861cfc72e3445",
        derivedFrom: "interpolated isoFLOP minima in data/summary_df*.pickle.xz",
      },
      {
        name: "DERIVED_porian2024_fit_results.csv",
        bytes: 21686,
        sha256: "14e9c936b34bed6733ad508f44aedb532b76ab7a0d1060132984139cf6bc11fb",
        derivedFrom: "power-law and saturating-loss fits in data/summary_df*.pickle.xz",
      },
    ],
    defaultFile: "DERIVED_porian2024_compute_optimal_points.csv",
  }),
  defineDataset({
    id: "epoch-training-cost",
    title: "Epoch AI 'All ML Systems' snapshot and training-cost analysis (Cottier et al. 2024)",
    folder: "epoch_training_cost_trends",
    source: {
      repository: "https://github.com/epoch-research/training-cost-trends",
      commit: "263c40a159307e917213d1dc433c617e47d55bfe",
    },
    licence: `no LICENSE file; ${EPOCH_CC_BY}`,
    citation:
      "Cottier, Rahman, Fattorini, Maslej, Owen (2024), The rising costs of training frontier AI models, " +
      "arXiv:2405.21015; Epoch AI, 'Data on AI Models'",
    files: [
      {
        name: "All ML Systems - full view.csv",
        bytes: 4191686,
        sha256: "74509130a942f476053447d26cd9a3805a03d48b8feffef714826c5e340c9ec2",
        path: "data/All ML Systems - full view.csv",
      },
      {
        name: "model_costs.csv",
        bytes: 4182,
        sha256: "e5399d8502b66ab7689656d75a6b45bfaf6612617571fdcf59e88a597918f8b0",
        path: "model_costs.csv",
      },
      {
        name: "model_costs_updated.csv",
        bytes: 1885,
        sha256: "33feeed452f35e4f7be16c72bcc65768c4f9e9afa066b0aa9f4ab8d8f5d65d09",
        path: "model_costs_updated.csv",
      },
    ],
    defaultFile: "All ML Systems - full view.csv",
  }),
  defineDataset({
    id: "epoch-models",
    title: "Epoch AI 'Notable' and 'Large-scale' AI models (2025-06 snapshot)",
    folder: "epoch_ai_models_snapshot_2025-06",
    source: {
      repository: "https://github.com/vaaniarora/Water_Sustainability",
      commit: "f111e0fe9115cf0c08e894c0422f2e7e51416c18",
    },
    licence: `Epoch data: CC BY 4.0 per Epoch; the copying repository has no LICENSE file`,
    citation:
      "Epoch AI, 'Data on AI Models' (Notable and Large-scale AI models), third-party copy of May 2025",
    files: [
      {
        name: "notable_ai_models.csv",
        bytes: 1748976,
        sha256: "b1aac6cd349a8b6c4cb8b6b3659353094cc955661747ca927fbebf6692020afd",
        // The path at the snapshot commit is not confirmed; the same content is confirmed here.
        path: "Data/notable_ai_models.csv",
        commit: "6d4e9aa8d94bf41dadabc8908e290d987586f7fa",
      },
      {
        name: "large_scale_ai_models.csv",
        bytes: 654425,
        sha256: "7e6faa7de7e98f4bc343b4025ee66574ad705f8b1679dcc559350631b32b1e2d",
        path: "large_scale_ai_models.csv",
      },
    ],
    defaultFile: "notable_ai_models.csv",
  }),
  defineDataset({
    id: "epoch-benchmarks",
    title: "Epoch AI benchmark hub runs and external benchmarks (benchmark-stitching)",
    folder: "epoch_benchmark_stitching",
    source: {
      repository: "https://github.com/epoch-research/benchmark-stitching",
      commit: "f87d3cc8e8a8f8471be475ebce58fb9a73b4e756",
    },
    licence: "MIT (repository, 'Copyright (c) 2025 Epoch AI'); Epoch states its data is CC BY 4.0",
    citation:
      "Epoch AI (2025), A Rosetta Stone for AI Benchmarks (benchmark-stitching); Epoch AI Benchmarking Hub",
    files: [
      {
        name: "DERIVED_epoch_hub_runs_joined.csv",
        bytes: 98795,
        sha256: "6f8b654f8ca84bfc9f399c57753ad28bec9206a91268a6eab97b3ae1be01d608",
        derivedFrom:
          "benchmarks_runs.csv joined to model_versions.csv on id, then to the Epoch AI-models DB on Model " +
          "(organization, country, training_compute_flop, parameters)",
      },
      ...(
        [
          ["benchmarks_runs.csv", 237118, "5907dfcbd446aeec61d20a0d971be3b6ca07ecf46f40ada3a4b8e26a656b70a8"],
          ["model_versions.csv", 93736, "08025ffc7b5c00781dd86ef5261f38b2204ed6d5b36160c61af3d9c8da9a10e6"],
          ["benchmark_optim.csv", 3403, "24f7dbb26ed3efdbc891cd5daf7259c82fc86ef796bdb081f5d69e4921770b00"],
          ["distilled_models.csv", 10909, "d4e4fbd747d7fa25345419c8f76e1f53b3dbc491e1d1041bc005684bc0b9562a"],
          ["aider_polyglot", 10549, "020086010f6bdd3bff393ef3dd35a772436415226f0e502b1148a0047243e0cc"],
          ["anli", 3517, "6f455864562b479a5976b27b7f467a30eff58c96e9bc2d6aafdedb8f383d4650"],
          ["arc_agi", 6907, "4b227f7d3d4f7205f331cc8b38da6ebb93354fc554360e8bb7838012274de7c3"],
          ["arc_ai2", 18942, "73d2913f18b3541d4ef1632bbe1159db26ba7cff22bc57164a69447944db7208"],
          ["balrog", 6793, "5292e9d495e27d24c974bdee085d8f61950b435d963420cfd0446903d088dcc2"],
          ["bbh", 11152, "952840e40e7be7ed16ab9c6a7b1ec8d6e0798d2d8a2d0a8e7a82f4cd371a5bc2"],
          ["boolq", 26925, "3358a1412a446b585c4b336cf2ff570e8c22939f650df5cf3fa40678bfb4678a"],
          ["cadeval", 3528, "73a02a913b76378bec0ab82171fc9ab9e20986cbc9ee5e02d4f2cc8dd077ed00"],
          ["csqa2", 1487, "80ec45c44ceb5e49b581cafe2972eb3341f4e3d8d5e9930817a1f572d1b3df49"],
          ["cybench", 2728, "c2f691d9da3112f483785bc01e6d6f94e5565b8dcbb222ecf5702de22e2e372d"],
          ["deepresearch", 1551, "45636c6da16389aefb62f9e9331875ffd8ddc84fad8adba33118191f3137672a"],
          [
            "factorio_learning_environment",
            1904,
            "d17880ea192747e15417ad5c429fbae2ae019e5695929875eea87d8139641352",
          ],
          ["fictionlivebench", 13313, "67d0128f067410e45337f1df5458c2719dd48ead985502c86a1a5659edc5754d"],
          ["geobench", 5460, "ef546f421267e903757e6e2931d39255dfc461521921c75a84b84dabbced01de"],
          ["gsm8k", 30354, "8606ddd2cd8cbedd3aad9efadc76e45e7b3db9a053c0ddad0fe86427862e3ca5"],
          ["gso_bench", 1757, "d2592c18feec9ead53892ed7902a5818a418bb0b9cec45eb25514f28e99e3459"],
          ["hellaswag", 17628, "6e812925ca86fddcb3faf0c3f5b9cc44c6e00890aeda99bde98d96179b89eaae"],
          ["lambada", 10419, "8b003e7626585053bfdead814489b662f3d340907877e71f7834cd0d3a4a9e7f"],
          ["lech_mazur_writing", 5653, "60cdcf595807204610be50e48c397ba27f133ce41a87c6a86430a7015227233c"],
          ["livebench", 11009, "a816646abde0bda45a8118fc253842fb333b3df8215b26794c1f2c451da08414"],
          ["mcbench", 4353, "f5f57c9e01e9f02be7e56bc4228fb2cb86bc523fcebe5cce6a70d14c95aab163"],
          ["metr", 6481, "9665b4f6a2d5a2cfe0600b8afbdf126eafc9e2c6e7435474d96044202c390953"],
          ["mmlu", 34616, "6bd3bb6d9eba5d841d905a9dd56ac11650da7563c6c1efab5c03d3929bff05a8"],
          ["openbookqa", 10504, "deb1cdaf00be63c99dbcfda0fd4abaea6649354a4a05113fd6474dde49dac323"],
          ["os_world", 6056, "0ce84c19eab4b9df4d1e7733a214f410e450731f0027cf63cf9162992aa665c8"],
          ["osuniverse", 1908, "12e2635a7da3e1d6d6bde7a52860b4ae5724fd980f6fa4556186d54e7ea4df59"],
          ["piqa", 18469, "dd2ffd7ba5aae9a84bff2f45700a401611ffc19d69194952ffc13e623c3e3a16"],
          ["scienceqa", 13782, "01853dc4f43c3f711727dafdbfec581b78631314f95578dd72fcfe72cb12d031"],
          ["simple_bench", 4602, "b299fc36d0a20733e67e46ec579e2e5109bc8b240fa1e7a5bcb5419cf34f103c"],
          ["superglue", 1675, "66d09c3c47db5ca6e30e05e3c2284a526fec2e4d4c0ee87d5d3f69f93d542b56"],
          ["terminal_bench", 8121, "345a38e18b2c17e7f5c92dd8d3fd462b551c43791b1bea31c800395e50da077e"],
          ["the_agent_company", 5535, "56bd6c5404a8cd766b5f6bd87dfd0b2f2d79c663e145ce0700bb7ce1a04abfca"],
          ["triviaqa", 15965, "c1f3489eb3faa7830d3378b531783c9010e530ea49f0d814eba76158bbd5f4a9"],
          ["videomme", 8479, "440fb4ec0cee1b4c0e64729d089825dd711c5fdc7dcec8a74d214ce60b209862"],
          ["vpct", 3156, "88818218a894b26b1232bdf6af1f7062f3b5faed8c796b13a4b95b2ab84a42d7"],
          ["weirdml", 9141, "83f5daf7a1685db0d07f4d5052533f42e0913717b2733a395f8ba25c55613000"],
          ["winogrande", 20538, "53c7ed0d229d5566166bb7ddb19764bda7000bb59603e727f16e8626de071445"],
        ] as const
      ).map(([stem, bytes, sha256]): FileSpec => {
        const name = stem.endsWith(".csv") ? stem : `external_benchmark_${stem}.csv`;
        return { name, bytes, sha256, path: `data/${name}` };
      }),
    ],
    defaultFile: "DERIVED_epoch_hub_runs_joined.csv",
  }),
  defineDataset({
    id: "obsscaling",
    title: "Observational scaling laws benchmark tables (Ruan et al. 2024)",
    folder: "obsscaling",
    source: {
      repository: "https://github.com/ryoungj/ObsScaling",
      commit: "4d6e1e43fd2635d04654aa77d1df9d5266ea0382",
    },
    licence: "Apache-2.0 (LICENSE)",
    citation:
      "Ruan, Maddison, Hashimoto (2024), Observational Scaling Laws and the Predictability of Language Model " +
      "Performance, arXiv:2405.10938",
    files: (
      [
        [
          "base_llm_benchmark_eval.csv",
          28155,
          "511996815735a4c46251dc585dcc525e370d148201f86561e6f927f9df2d0db8",
        ],
        [
          "base_llm_benchmark_eval_sub_10b.csv",
          17838,
          "6a5fe6143b1fd86c2c10368de05e204c89ab6652b0f7e97c4965c37bff360d1d",
        ],
        [
          "base_llm_emergent_capability_eval.csv",
          7984,
          "a156beee73c39b7833c3c53535c473939105512d85e90b0143be7325e516ef7c",
        ],
        [
          "base_llm_leaderboard_v2_eval.csv",
          10098,
          "ace728c962dfb2b9133fe92081c818e3fba01391694c9590fa0198f850062563",
        ],
        [
          "base_llm_post_training_eval.csv",
          193408,
          "797e7e50c6ac54960e28447884b78bf9821b297646741b4485152715fe7fdbe5",
        ],
        [
          "instruct_llm_agent_eval.csv",
          3260,
          "09abcdc2abb80d3bba2217b526fa0d88e480a8236c3ba3193bcc9928e871ba3d",
        ],
        [
          "instruct_llm_benchmark_eval.csv",
          4763,
          "9bc50f327f4e436b15a6d6e3edb8b4837e726b295a1c72d44fadb9c9d25a75ba",
        ],
      ] as const
    ).map(([name, bytes, sha256]): FileSpec => ({ name, bytes, sha256, path: `eval_results/${name}` })),
    defaultFile: "base_llm_benchmark_eval.csv",
  }),
  defineDataset({
    id: "llm-stats",
    title: "LLM-Stats benchmark scores (mostly self-reported by labs)",
    folder: "llm_stats",
    source: {
      repository: "https://github.com/leonardogrig/llm-leaderboard",
      commit: "872b75f63b8d853c46ed17856424029a0c47b1d2",
    },
    licence: "CC BY 4.0 (LICENSE.md, 'Copyright (c) 2024 jc')",
    citation:
      "LLM-Stats leaderboard (llm-stats.com), deprecated mirror github.com/leonardogrig/llm-leaderboard",
    files: [
      {
        name: "DERIVED_llm_stats_benchmark_scores.csv",
        bytes: 484965,
        sha256: "2e00f2bebf9ab7881c103292ae9027285e9b73bd1ac1525196e0fa9c8ca18ff2",
        derivedFrom:
          "data/organizations/*/organization.json, */models/*/model.json and */models/*/benchmarks.json, " +
          "flattened into one table",
      },
    ],
    defaultFile: "DERIVED_llm_stats_benchmark_scores.csv",
  }),
  defineDataset({
    id: "lmarena",
    title: "Chatbot Arena Elo history",
    folder: "lmarena_history",
    source: {
      repository: "https://github.com/jasontrigg0/chatbot-arena-history",
      commit: "8862846ca4d3f121124b4737de25d2d6d7876187",
    },
    licence:
      "no LICENSE file; derived from the Hugging Face space lmarena-ai/chatbot-arena-leaderboard (licence not verified)",
    citation:
      "Chiang et al. (2024), Chatbot Arena: An Open Platform for Evaluating LLMs by Human Preference, " +
      "arXiv:2403.04132; history compiled in github.com/jasontrigg0/chatbot-arena-history",
    files: [
      {
        name: "alltime.csv",
        bytes: 1147103,
        sha256: "8ad818605164e4f704fc5a3f1fceda258d0ef6dc43e9db2825dad8178cdf470b",
        path: "alltime.csv",
      },
      {
        name: "alltime_by_org.csv",
        bytes: 292911,
        sha256: "6f5e8e6608c2fa619d280531a2187aa9f333f02dcb41afe14b5d226bd840ac81",
        path: "alltime_by_org.csv",
      },
      {
        name: "key_to_model.csv",
        bytes: 733,
        sha256: "718127c691db627c791425c6d96d632c971c0ad30388d46ebae98e9007596ecb",
        path: "key_to_model.csv",
      },
    ],
    defaultFile: "alltime.csv",
  }),
];

/** The dataset with this id; an unknown id is an InputError listing the known ones. */
export function getDataset(id: string): Dataset {
  const dataset = DATASETS.find((d) => d.id === id);
  if (!dataset) {
    throw new InputError({
      field: "dataset",
      value: id,
      message: `unknown dataset; known: ${DATASETS.map((d) => d.id).join(", ")}`,
    });
  }
  return dataset;
}

/**
 * Resolves `csv-path | dataset-id[:file]` to a file path. An existing file path wins; otherwise the reference
 * names a dataset and optionally one of its files (default: the dataset's default file).
 */
export function resolveDataRef(ref: string, dataDir: string): string {
  if (existsSync(ref) && statSync(ref).isFile()) return ref;
  const colon = ref.indexOf(":");
  const id = colon < 0 ? ref : ref.slice(0, colon);
  const looksLikePath = ref.includes("/") || ref.endsWith(".csv");
  if (looksLikePath && !DATASETS.some((d) => d.id === id)) {
    throw new InputError({ file: ref, message: "no such file" });
  }
  const dataset = getDataset(id);
  const fileName = colon < 0 ? dataset.defaultFile : ref.slice(colon + 1);
  const file = dataset.files.find((f) => f.name === fileName);
  if (!fileName || !file) {
    throw new InputError({
      field: "dataset file",
      value: ref,
      message: `not a file of ${dataset.id}; files: ${dataset.files.map((f) => f.name).join(", ")}`,
    });
  }
  const path = join(dataDir, dataset.folder, file.name);
  if (!existsSync(path)) {
    throw new InputError({
      file: path,
      message: `dataset file missing; run 'wallcast data pull ${dataset.id}' or set --data / WALLCAST_DATA`,
    });
  }
  return path;
}
