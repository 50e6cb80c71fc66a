import type { CertificateVerification } from '../../contract/awards.js';
import { chineseDate } from '../../services/reports/certificate-pdf.js';

/**
 * The public verification page (opened from a phone's QR scanner): plain server-rendered HTML,
 * no script, one inline stylesheet (the UI's CSP allows inline styles, not scripts). Every
 * value is escaped. A serial that is not found shows the same page with nothing but the verdict.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans SC",sans-serif;background:#f5f6f8;color:#1f1f1f}
main{max-width:520px;margin:0 auto;padding:24px 16px}
h1{font-size:18px;font-weight:600;margin:0 0 16px;color:#595959}
.card{background:#fff;border-radius:10px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.verdict{font-size:22px;font-weight:600;margin:0 0 4px}
.status{display:inline-block;font-size:13px;padding:2px 10px;border-radius:10px;margin-bottom:16px}
.valid .verdict{color:#237804}.valid .status{background:#f6ffed;color:#237804;border:1px solid #b7eb8f}
.revoked .verdict{color:#ad4e00}.revoked .status{background:#fff7e6;color:#ad4e00;border:1px solid #ffd591}
.not_found .verdict{color:#a8071a}.not_found .status{background:#fff1f0;color:#a8071a;border:1px solid #ffa39e}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:10px 16px;font-size:15px}
dt{color:#8c8c8c}dd{margin:0;word-break:break-all}
footer{margin-top:16px;font-size:12px;color:#8c8c8c;text-align:center}
`;

const VERDICTS: Record<CertificateVerification['status'], { title: string; label: string }> = {
  valid: { title: '证书真实有效', label: '有效' },
  revoked: { title: '证书真实，但奖项已被撤销', label: '已撤销' },
  not_found: { title: '未找到该证书', label: '未找到' },
};

export function verificationPage(result: CertificateVerification): string {
  const verdict = VERDICTS[result.status];
  const rows: [string, string | null][] =
    result.status === 'not_found'
      ? []
      : [
          ['奖项', result.awardLabel],
          ['届次', result.editionName],
          ['获奖者', result.winnerName],
          ['颁发日期', result.issuedOn && chineseDate(result.issuedOn)],
          ['撤销日期', result.revokedOn && chineseDate(result.revokedOn)],
        ];
  const details = rows
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(verdict.title)} - 证书核验</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>市长质量奖证书核验</h1>
<section class="card ${result.status}">
<p class="verdict">${escapeHtml(verdict.title)}</p>
<span class="status">${escapeHtml(verdict.label)}</span>
${details ? `<dl>${details}</dl>` : '<p>请核对证书编号是否与纸质证书一致，或联系颁发单位。</p>'}
</section>
<footer>本页由市长质量奖管理系统生成，仅显示证书上载明的信息。</footer>
</main>
</body>
</html>
`;
}
