import { useEffect, useRef } from 'preact/hooks';
import QRCode from 'qrcode';
import { currentLang, translator } from '../shared/i18n';

const t = translator(currentLang());
const facilityCode = new URLSearchParams(location.search).get('facility')?.toUpperCase() ?? '';

/**
 * The poster at a facility's entrance (`/poster.html?facility=<kode>`, printed once): a QR code
 * of the facility's check-in page. Drawn locally; no QR service on the internet is involved.
 */
export function PosterPage() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const target = `${location.origin}/checkin.html?facility=${encodeURIComponent(facilityCode)}`;
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, target, { width: 480, margin: 2 });
  }, [target]);
  return (
    <main class="poster">
      <h1>{t('posterTitle')}</h1>
      <canvas ref={canvas} aria-label={target} data-testid="checkin-qr" />
      <p>{t('posterHint')}</p>
      <p>
        <code>{target}</code>
      </p>
    </main>
  );
}
