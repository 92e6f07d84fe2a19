/**
 * Messages shown to people, in Simplified Chinese (the default) and English.
 *
 * zh-CN is the reference catalogue: its keys are the message keys, and any message
 * missing from another catalogue falls back to zh-CN. The locale comes from the
 * person's stored choice, else from the browser's languages, else zh-CN.
 */

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Each language's own name for itself, shown in the language switch whatever the locale. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  'zh-CN': '中文',
  en: 'English',
};

const zhCN = {
  'app.title': '千里远程影像',
  'app.language': '语言',
  'nav.label': '主导航',
  'nav.worklist': '工作列表',
  'nav.clinic': '诊所',
  'nav.admin': '管理',
  'screen.worklist.purpose': '放射科医生的阅片队列。',
  'screen.clinic.purpose': '诊所查看已发送的检查和已签发的报告。',
  'screen.admin.purpose': '医院、网关、审计和服务覆盖统计。',
  'screen.notAvailable': '此功能尚未提供。',
  'app.logout': '退出登录',
  'worklist.state': '状态',
  'worklist.modality': '设备',
  'worklist.priority': '优先级',
  'worklist.hospital': '医院',
  'worklist.mine': '仅我的',
  'worklist.search': '搜索患者、检查号…',
  'worklist.all': '全部',
  'worklist.openStates': '待处理',
  'worklist.studies': '项检查',
  'worklist.failed': '加载失败',
  'worklist.expired': '已超时',
  'worklist.claimedBy': '认领人',
  'worklist.col.priority': '优先级',
  'worklist.col.due': '剩余时间',
  'worklist.col.ai': 'AI 提示',
  'worklist.col.patient': '患者',
  'worklist.col.study': '检查',
  'worklist.col.hospital': '医院',
  'worklist.col.arrived': '到达时间',
  'worklist.col.images': '图像数',
  'worklist.col.state': '状态',
  'worklist.col.claim': '认领',
  'priority.stat': '急诊',
  'priority.urgent': '加急',
  'priority.routine': '常规',
  'state.arriving': '传输中',
  'state.ready': '待阅片',
  'state.in_progress': '阅片中',
  'state.preliminary': '初步报告',
  'state.final': '已终审',
  'state.amended': '已补充',
  'tool.windowLevel': '窗宽窗位',
  'tool.pan': '平移',
  'tool.zoom': '缩放',
  'tool.length': '测距',
  'tool.angle': '角度',
  'tool.rectangle': '矩形 ROI',
  'tool.ellipse': '椭圆 ROI',
  'tool.invert': '反相',
  'tool.fit': '适应窗口',
  'tool.reset': '复位',
  'tool.cine': '电影',
  'preset.brain': '脑窗',
  'preset.subdural': '硬膜下窗',
  'preset.lung': '肺窗',
  'preset.mediastinum': '纵隔窗',
  'preset.bone': '骨窗',
  'preset.abdomen': '腹窗',
  'measure.Length': '长度',
  'measure.Angle': '角度',
  'measure.RectangleROI': '矩形',
  'measure.EllipticalROI': '椭圆',
  'viewer.series': '序列',
  'viewer.prior': '既往',
  'viewer.priors': '既往检查',
  'viewer.comparePrior': '与当前检查并排对比',
  'viewer.preset': '窗预设',
  'viewer.layout': '布局',
  'viewer.measurements': '测量',
  'viewer.aiFindings': 'AI 发现',
  'viewer.jumpToImage': '跳转到图像',
  'viewer.images': '幅',
  'viewer.loading': '正在加载图像…',
  'viewer.firstImage': '首幅图像',
  'viewer.loadFailed': '图像加载失败',
  'viewer.noRequest': '此检查没有阅片申请',
  'study.question': '检查目的',
  'study.history': '病史',
  'report.title': '报告',
  'report.template': '模板',
  'report.chooseTemplate': '选择模板…',
  'report.findings': '影像所见',
  'report.impression': '诊断意见',
  'report.critical': '危急值',
  'report.save': '保存',
  'report.signPreliminary': '签发初步报告',
  'report.signFinal': '签发终审报告',
  'report.addendum': '补充报告',
  'report.signAddendum': '签发补充',
  'report.saved': '已保存',
  'report.signedPreliminary': '初步报告已签发',
  'report.signedFinal': '终审报告已签发',
  'report.addendumSigned': '补充报告已签发',
  'report.failed': '操作失败',
  'report.preliminaryBy': '初步签发',
  'report.finalBy': '终审签发',
  'reportStatus.none': '未开始',
  'reportStatus.draft': '草稿',
  'reportStatus.preliminary': '初步',
  'reportStatus.final': '终审',
  'reportStatus.amended': '已补充',
  'clinic.hospital': '医院',
  'clinic.criticalResults': '待确认的危急值',
  'clinic.acknowledge': '确认已知悉',
  'clinic.acknowledged': '已确认危急值',
  'clinic.arriving': '传输中',
  'clinic.waiting': '等待报告',
  'clinic.reported': '已出报告',
  'clinic.view': '查看报告',
  'clinic.printPdf': '打印 PDF',
  'clinic.report': '报告',
  'clinic.col.patient': '患者',
  'clinic.col.study': '检查',
  'clinic.col.arrived': '到达时间',
  'clinic.col.progress': '进度',
  'clinic.col.report': '报告',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Catalogue = Readonly<Partial<Record<MessageKey, string>>>;
export type Catalogues = Readonly<Record<Locale, Catalogue>>;

const en: Catalogue = {
  'app.title': 'Qianli Remote Imaging',
  'app.language': 'Language',
  'nav.label': 'Main navigation',
  'nav.worklist': 'Worklist',
  'nav.clinic': 'Clinic',
  'nav.admin': 'Admin',
  'screen.worklist.purpose': 'The radiologists’ reading queue.',
  'screen.clinic.purpose': 'Studies a clinic has sent and the reports signed for them.',
  'screen.admin.purpose': 'Hospitals, gateways, the audit trail and coverage statistics.',
  'screen.notAvailable': 'Not available yet.',
  'app.logout': 'Log out',
  'worklist.state': 'State',
  'worklist.modality': 'Modality',
  'worklist.priority': 'Priority',
  'worklist.hospital': 'Hospital',
  'worklist.mine': 'Mine only',
  'worklist.search': 'Search patient, accession…',
  'worklist.all': 'All',
  'worklist.openStates': 'Open',
  'worklist.studies': 'studies',
  'worklist.failed': 'Could not load',
  'worklist.expired': 'expired',
  'worklist.claimedBy': 'Claimed by',
  'worklist.col.priority': 'Priority',
  'worklist.col.due': 'Due in',
  'worklist.col.ai': 'AI flag',
  'worklist.col.patient': 'Patient',
  'worklist.col.study': 'Study',
  'worklist.col.hospital': 'Hospital',
  'worklist.col.arrived': 'Arrived',
  'worklist.col.images': 'Images',
  'worklist.col.state': 'State',
  'worklist.col.claim': 'Claimed by',
  'priority.stat': 'STAT',
  'priority.urgent': 'Urgent',
  'priority.routine': 'Routine',
  'state.arriving': 'Arriving',
  'state.ready': 'Ready',
  'state.in_progress': 'In progress',
  'state.preliminary': 'Preliminary',
  'state.final': 'Final',
  'state.amended': 'Amended',
  'tool.windowLevel': 'Window/level',
  'tool.pan': 'Pan',
  'tool.zoom': 'Zoom',
  'tool.length': 'Length',
  'tool.angle': 'Angle',
  'tool.rectangle': 'Rectangle ROI',
  'tool.ellipse': 'Ellipse ROI',
  'tool.invert': 'Invert',
  'tool.fit': 'Fit',
  'tool.reset': 'Reset',
  'tool.cine': 'Cine',
  'preset.brain': 'Brain',
  'preset.subdural': 'Subdural',
  'preset.lung': 'Lung',
  'preset.mediastinum': 'Mediastinum',
  'preset.bone': 'Bone',
  'preset.abdomen': 'Abdomen',
  'measure.Length': 'Length',
  'measure.Angle': 'Angle',
  'measure.RectangleROI': 'Rectangle',
  'measure.EllipticalROI': 'Ellipse',
  'viewer.series': 'Series',
  'viewer.prior': 'Prior',
  'viewer.priors': 'Prior studies',
  'viewer.comparePrior': 'Compare side by side with this study',
  'viewer.preset': 'Window preset',
  'viewer.layout': 'Layout',
  'viewer.measurements': 'Measurements',
  'viewer.aiFindings': 'AI findings',
  'viewer.jumpToImage': 'Jump to image',
  'viewer.images': 'images',
  'viewer.loading': 'Loading images…',
  'viewer.firstImage': 'First image in',
  'viewer.loadFailed': 'Images could not be loaded',
  'viewer.noRequest': 'No reading request for this study',
  'study.question': 'Question',
  'study.history': 'History',
  'report.title': 'Report',
  'report.template': 'Template',
  'report.chooseTemplate': 'Choose a template…',
  'report.findings': 'Findings',
  'report.impression': 'Impression',
  'report.critical': 'Critical result',
  'report.save': 'Save',
  'report.signPreliminary': 'Sign preliminary',
  'report.signFinal': 'Sign final',
  'report.addendum': 'Addendum',
  'report.signAddendum': 'Sign addendum',
  'report.saved': 'Saved',
  'report.signedPreliminary': 'Preliminary report signed',
  'report.signedFinal': 'Final report signed',
  'report.addendumSigned': 'Addendum signed',
  'report.failed': 'Failed',
  'report.preliminaryBy': 'Preliminary by',
  'report.finalBy': 'Final by',
  'reportStatus.none': 'not started',
  'reportStatus.draft': 'draft',
  'reportStatus.preliminary': 'preliminary',
  'reportStatus.final': 'final',
  'reportStatus.amended': 'amended',
  'clinic.hospital': 'Hospital',
  'clinic.criticalResults': 'Critical results to acknowledge',
  'clinic.acknowledge': 'Acknowledge',
  'clinic.acknowledged': 'Critical result acknowledged',
  'clinic.arriving': 'Arriving',
  'clinic.waiting': 'Waiting for report',
  'clinic.reported': 'Reported',
  'clinic.view': 'View report',
  'clinic.printPdf': 'Print PDF',
  'clinic.report': 'Report',
  'clinic.col.patient': 'Patient',
  'clinic.col.study': 'Study',
  'clinic.col.arrived': 'Arrived',
  'clinic.col.progress': 'Progress',
  'clinic.col.report': 'Report',
};

export const CATALOGUES: Catalogues = { 'zh-CN': zhCN, en };

/** The message in the given locale, else in zh-CN, else the key itself (visible, never blank). */
export function translate(
  key: MessageKey,
  locale: Locale,
  catalogues: Catalogues = CATALOGUES,
): string {
  return catalogues[locale][key] ?? catalogues[DEFAULT_LOCALE][key] ?? key;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale to start with: a supported stored choice, else the first browser language
 * we have a catalogue for (any Chinese variant reads zh-CN, any English variant en),
 * else zh-CN.
 */
export function chooseLocale(stored: string | null | undefined, languages: readonly string[]): Locale {
  if (isLocale(stored)) {
    return stored;
  }
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'zh') {
      return 'zh-CN';
    }
    if (primary === 'en') {
      return 'en';
    }
  }
  return DEFAULT_LOCALE;
}

export const LOCALE_STORAGE_KEY = 'qianli.locale';

/** Where the chosen locale is kept; window.localStorage in the browser. */
export interface LocaleStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

type Listener = (locale: Locale) => void;

/** The current locale and its translations; one per page. */
export class I18n {
  #locale: Locale;
  readonly #store: LocaleStore | undefined;
  readonly #listeners = new Set<Listener>();

  constructor(store: LocaleStore | undefined, languages: readonly string[]) {
    this.#store = store;
    this.#locale = chooseLocale(readStored(store), languages);
  }

  get locale(): Locale {
    return this.#locale;
  }

  t(key: MessageKey): string {
    return translate(key, this.#locale);
  }

  /** Switches the language, remembers the choice and tells every listener. */
  setLocale(locale: Locale): void {
    this.#locale = locale;
    try {
      this.#store?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Storage can be disabled (private mode, policy); the choice then lasts for this page only.
    }
    for (const listener of this.#listeners) {
      listener(locale);
    }
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function readStored(store: LocaleStore | undefined): string | null {
  try {
    return store?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

let page: I18n | undefined;

/** The page's one I18n, started from localStorage and navigator.languages. */
export function i18n(): I18n {
  page ??= new I18n(browserStore(), browserLanguages());
  return page;
}

/** The message for key in the page's current locale (falling back to zh-CN). */
export function t(key: MessageKey): string {
  return i18n().t(key);
}

function browserStore(): LocaleStore | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator;
  if (nav === undefined) {
    return [];
  }
  return nav.languages?.length ? nav.languages : [nav.language];
}
