/**
 * The people of the demo edition: applicant units and individuals of Linyi, and the agency's
 * expert pool. Made up, but shaped like the real thing: GB/T 4754 divisions, counties of the
 * city, titles, former employers and relatives' units. A few experts are tied to applicants
 * on purpose (former employer within three years, a relative, an advisory post, the same
 * unit), so the conflict rules have real work to do.
 */

export interface DemoUnit {
  /** Existing demo account that files it ('unit'), else a new registration under this username. */
  username: string;
  name: string;
  county: string;
  section: string;
  division: string;
  employees: number;
  /** Revenue in 10,000 yuan of the latest year. */
  revenue: number;
  startedOn: string;
  legalRepresentative: string;
  contact: string;
  preference: string[];
  /** Quality of its management, 0–1: drives the experts' scores. */
  quality: number;
}

export interface DemoIndividual {
  username: string;
  name: string;
  county: string;
  /** YYYYMMDD; the ID number is built from it. */
  birth: string;
  workUnit: string;
  position: string;
  quality: number;
}

export const DEMO_UNITS: DemoUnit[] = [
  { username: 'unit', name: '临沂示范制造有限公司', county: '兰山区', section: 'C', division: '34', employees: 420, revenue: 36000, startedOn: '2009-05-12', legalRepresentative: '王建国', contact: '刘晓燕', preference: ['strategic_emerging'], quality: 0.62 },
  { username: 'yimeng_jinggong', name: '山东沂蒙精工机械股份有限公司', county: '河东区', section: 'C', division: '35', employees: 860, revenue: 128000, startedOn: '2003-03-18', legalRepresentative: '张德胜', contact: '孙丽', preference: ['sme_innovative'], quality: 0.78 },
  { username: 'luozhuang_steel', name: '临沂罗庄特钢有限公司', county: '罗庄区', section: 'C', division: '31', employees: 2300, revenue: 560000, startedOn: '1998-09-01', legalRepresentative: '李振华', contact: '王敏', preference: [], quality: 0.7 },
  { username: 'jinluo_food', name: '临沂金沂食品集团有限公司', county: '兰山区', section: 'C', division: '13', employees: 3100, revenue: 420000, startedOn: '1996-04-20', legalRepresentative: '周国强', contact: '陈静', preference: ['modern_agriculture'], quality: 0.84 },
  { username: 'yishui_pharma', name: '山东沂水康源药业有限公司', county: '沂水县', section: 'C', division: '27', employees: 680, revenue: 76000, startedOn: '2005-11-08', legalRepresentative: '刘明远', contact: '赵倩', preference: ['strategic_emerging'], quality: 0.74 },
  { username: 'lanling_vegetable', name: '兰陵县绿源蔬菜产业有限公司', county: '兰陵县', section: 'A', division: '01', employees: 240, revenue: 18000, startedOn: '2011-02-15', legalRepresentative: '徐长青', contact: '马丽娜', preference: ['modern_agriculture'], quality: 0.55 },
  { username: 'feixian_building', name: '费县华强新型建材有限公司', county: '费县', section: 'C', division: '30', employees: 390, revenue: 45000, startedOn: '2008-07-30', legalRepresentative: '高志强', contact: '李娟', preference: [], quality: 0.5 },
  { username: 'pingyi_stone', name: '平邑县鲁南石材有限公司', county: '平邑县', section: 'C', division: '30', employees: 210, revenue: 12500, startedOn: '2012-06-06', legalRepresentative: '郭宝山', contact: '杨柳', preference: [], quality: 0.42 },
  { username: 'junan_peanut', name: '莒南县花生制品有限公司', county: '莒南县', section: 'C', division: '13', employees: 350, revenue: 39000, startedOn: '2007-10-10', legalRepresentative: '何永刚', contact: '宋佳', preference: ['modern_agriculture'], quality: 0.6 },
  { username: 'hitech_electronics', name: '临沂高新区鲁信电子科技有限公司', county: '临沂高新技术产业开发区', section: 'C', division: '39', employees: 560, revenue: 88000, startedOn: '2010-01-05', legalRepresentative: '罗海涛', contact: '郑雪', preference: ['strategic_emerging', 'sme_innovative'], quality: 0.8 },
  { username: 'yinan_textile', name: '沂南县银龙纺织有限公司', county: '沂南县', section: 'C', division: '17', employees: 980, revenue: 67000, startedOn: '2001-08-16', legalRepresentative: '梁玉洁', contact: '韩冰', preference: [], quality: 0.57 },
  { username: 'tancheng_ginkgo', name: '郯城县银杏生物科技有限公司', county: '郯城县', section: 'C', division: '14', employees: 180, revenue: 9800, startedOn: '2013-04-22', legalRepresentative: '唐晓东', contact: '冯颖', preference: ['sme_innovative', 'modern_agriculture'], quality: 0.66 },
  { username: 'mengyin_fruit', name: '蒙阴县蜜桃农业发展有限公司', county: '蒙阴县', section: 'A', division: '01', employees: 130, revenue: 8600, startedOn: '2010-03-03', legalRepresentative: '曹德明', contact: '彭玲', preference: ['modern_agriculture'], quality: 0.48 },
  { username: 'linshu_fertilizer', name: '临沭县沃丰化肥股份有限公司', county: '临沭县', section: 'C', division: '26', employees: 1500, revenue: 310000, startedOn: '1999-12-01', legalRepresentative: '董建军', contact: '袁芳', preference: [], quality: 0.72 },
  { username: 'mall_logistics', name: '临沂商城顺和物流有限公司', county: '临沂商城', section: 'G', division: '58', employees: 720, revenue: 54000, startedOn: '2006-05-18', legalRepresentative: '潘立新', contact: '田甜', preference: ['new_services'], quality: 0.68 },
  { username: 'ecodev_auto', name: '临沂经开区沂州汽车零部件有限公司', county: '临沂经济技术开发区', section: 'C', division: '36', employees: 640, revenue: 72000, startedOn: '2008-09-09', legalRepresentative: '蒋文斌', contact: '邓红', preference: [], quality: 0.63 },
  { username: 'hedong_software', name: '临沂河东智云软件有限公司', county: '河东区', section: 'I', division: '65', employees: 260, revenue: 21000, startedOn: '2014-02-26', legalRepresentative: '许嘉', contact: '吕萌', preference: ['new_services', 'sme_innovative'], quality: 0.76 },
  { username: 'lanshan_hospital', name: '临沂兰山仁和医院有限公司', county: '兰山区', section: 'Q', division: '84', employees: 530, revenue: 33000, startedOn: '2004-06-01', legalRepresentative: '沈卫东', contact: '魏琳', preference: ['new_services'], quality: 0.58 },
];

export const DEMO_INDIVIDUALS: DemoIndividual[] = [
  { username: 'person', name: '陈质量', county: '兰山区', birth: '19800101', workUnit: '临沂示范制造有限公司', position: '质量总监', quality: 0.6 },
  { username: 'wang_lihua', name: '王立华', county: '罗庄区', birth: '19720314', workUnit: '临沂罗庄特钢有限公司', position: '总工程师', quality: 0.75 },
  { username: 'zhang_hui', name: '张慧', county: '沂水县', birth: '19810922', workUnit: '山东沂水康源药业有限公司', position: '质量管理部部长', quality: 0.68 },
  { username: 'li_chengzhi', name: '李承志', county: '临沂高新技术产业开发区', birth: '19761105', workUnit: '临沂高新区鲁信电子科技有限公司', position: '副总经理', quality: 0.55 },
];

export interface DemoExpert {
  name: string;
  unit: string;
  title: string;
  industries: string[];
  countyName: string | null;
  formerEmployers: Array<{ unit: string; fromYear: number; toYear: number | null }>;
  relativesUnits: string[];
  advisedUnits: string[];
  maxLoad: number;
  /** Leniency in percentage points: a lenient expert scores higher across the board. */
  leniency: number;
}

type Seat = [name: string, unit: string, title: string, industries: string[], county: string | null, leniency: number];

/** Years are relative to the business year (`y`), so conflicts "within three years" stay so whenever the demo runs. */
function seats(y: number): Array<Seat | [...Seat, Partial<DemoExpert>]> {
  return [
    ['孙建平', '临沂大学机械与车辆工程学院', '教授', ['34', '35', '36'], '兰山区', 5],
    ['周慧敏', '临沂大学商学院', '教授', ['L', '72', 'M'], '兰山区', -5],
    ['吴志刚', '山东省质量评价协会', '正高级工程师', ['C', 'M'], null, 0, { maxLoad: 12 }],
    ['郑晓琳', '临沂市标准化研究院', '高级工程师', ['74', '13', '14'], '兰山区', 10],
    ['冯国栋', '山东理工大学', '教授', ['31', '32', '33'], null, -10],
    ['陈立新', '临沂市产品质量监督检验所', '正高级工程师', ['30', '31', '34'], '罗庄区', 0, { formerEmployers: [{ unit: '临沂罗庄特钢有限公司', fromYear: y - 12, toYear: y - 2 }] }],
    ['褚红梅', '临沂市食品药品检验检测中心', '主任药师', ['27', '14', '84'], '兰山区', 5],
    ['卫东升', '山东农业大学园艺科学与工程学院', '教授', ['A', '01', '13'], null, -5],
    ['蒋丽华', '临沂市农业科学院', '研究员', ['01', '05', '13'], '河东区', 10, { relativesUnits: ['兰陵县绿源蔬菜产业有限公司'] }],
    ['沈海波', '齐鲁工业大学', '教授', ['17', '18', '22'], null, 0],
    ['韩雪梅', '临沂市纤维检验所', '高级工程师', ['17', '18'], '兰山区', 5],
    ['杨振宇', '山东大学管理学院', '教授', ['L', 'M', '72'], null, -10],
    ['朱明哲', '临沂市计量测试所', '正高级工程师', ['39', '40', '34'], '兰山区', 0],
    ['秦晓峰', '青岛科技大学', '教授', ['26', '29', '28'], null, 5, { advisedUnits: ['临沭县沃丰化肥股份有限公司'] }],
    ['尤佳', '临沂市卓越绩效管理促进中心', '高级经济师', ['L', 'C', 'G'], '兰山区', 10],
    ['许文杰', '临沂鲁信电子集团有限公司', '高级工程师', ['39', '38'], '临沂高新技术产业开发区', -5],
    ['何春燕', '临沂市交通运输发展研究中心', '高级工程师', ['G', '54', '58', '59'], '兰山区', 0],
    ['吕伟', '山东建筑大学', '教授', ['30', 'E', '47'], null, -5],
    ['施国华', '临沂市建筑材料质量检测中心', '高级工程师', ['30', '50'], '费县', 5, { formerEmployers: [{ unit: '费县华强新型建材有限公司', fromYear: y - 9, toYear: y - 1 }] }],
    ['张云龙', '山东省汽车工程学会', '正高级工程师', ['36', '34', '33'], null, 0],
    ['孔令军', '临沂市人民医院', '主任医师', ['84', 'Q'], '兰山区', -5],
    ['曹瑞', '临沂市软件行业协会', '高级工程师', ['65', '64', 'I'], '河东区', 10],
    ['严俊', '山东师范大学信息科学与工程学院', '教授', ['65', '63', '39'], null, 0, { formerEmployers: [{ unit: '临沂河东智云软件有限公司', fromYear: y - 6, toYear: y - 2 }] }],
    ['华丽', '临沂市物流协会', '高级经济师', ['G', '58', '59', '51'], '临沂商城', 5],
    ['金宝成', '山东省冶金设计院股份有限公司', '正高级工程师', ['31', '32', 'B'], null, -5],
    ['魏红', '临沂市质量技术服务中心', '高级工程师', ['C', '13', '14', '15'], '兰山区', 0, { relativesUnits: ['莒南县花生制品有限公司'] }],
    ['陶然', '临沂职业学院', '副教授', ['34', '35', '36'], '河东区', 10],
    ['姜涛', '山东省医药行业协会', '主任药师', ['27', '26'], null, -10],
    ['戚小燕', '临沂市检验检测认证协会', '高级工程师', ['74', 'C', 'M'], '兰山区', 5],
    ['谢东方', '山东科技大学', '教授', ['35', '34', '31'], null, 0],
    ['邹丽君', '临沂市农产品质量安全中心', '高级农艺师', ['01', 'A', '14'], '沂南县', -5, { formerEmployers: [{ unit: '蒙阴县蜜桃农业发展有限公司', fromYear: y - 8, toYear: y - 3 }] }],
    ['喻海', '山东省纺织工业协会', '正高级工程师', ['17', '18', '28'], null, 5],
    ['柏松', '临沂市特种设备检验研究院', '高级工程师', ['34', '35', '44'], '罗庄区', 0],
    ['水清', '山东省食品工业协会', '正高级工程师', ['13', '14', '15'], null, 10],
    ['窦文涛', '临沂市医疗保障服务中心', '副主任医师', ['84', '85'], '河东区', -5],
    ['章敏', '临沂大学信息科学与工程学院', '教授', ['65', '39', '63'], '兰山区', 0],
    ['云飞', '临沂经济技术开发区企业服务中心', '高级经济师', ['36', '33', 'C'], '临沂经济技术开发区', 5, { unit: '临沂经开区沂州汽车零部件有限公司', title: '正高级工程师' }],
    ['苏明', '山东省化工研究院', '研究员', ['26', '27', '29'], null, -5],
    ['潘婷', '临沂市商务服务业协会', '高级经济师', ['L', 'F', 'G'], '临沂商城', 0],
    ['葛洪', '临沂市中医医院', '主任医师', ['84', '27'], '兰山区', 5],
    ['范志远', '临沂市质量强市工作专家委员会', '正高级经济师', ['C', 'L', 'M'], '兰山区', -10, { maxLoad: 12 }],
    ['彭程', '曲阜师范大学管理学院', '教授', ['L', 'M'], null, 5],
    ['鲁平', '临沂市工业和信息化研究院', '高级工程师', ['C', 'I', '39'], '兰山区', 0, { relativesUnits: ['临沂示范制造有限公司'] }],
    ['昌盛', '山东省产品质量检验研究院', '正高级工程师', ['C', '30', '31', '26'], null, 0, { maxLoad: 12 }],
  ];
}

/** The pool for business year `year`: 44 experts, each able to take 8 to 12 reviews. */
export function demoExperts(year: number): DemoExpert[] {
  return seats(year).map(([name, unit, title, industries, countyName, leniency, extra]) => ({
    name,
    unit,
    title,
    industries,
    countyName,
    formerEmployers: [],
    relativesUnits: [],
    advisedUnits: [],
    maxLoad: 10,
    leniency,
    ...(extra ?? {}),
  }));
}
