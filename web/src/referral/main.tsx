import { render } from 'preact';
import '../shared/styles.css';
import { ReferralPage } from './ReferralPage';

render(<ReferralPage />, document.getElementById('app')!);
