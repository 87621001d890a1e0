import { render } from 'preact';
import { AccountBar } from '../shared/AccountBar';
import { staffPage } from '../shared/page-auth';
import '../shared/styles.css';
import { InboxPage } from './InboxPage';

// The contract's "which page needs which role" (a system admin may open every page).
const auth = staffPage('hospital', ['hospital_referral', 'facility_admin']);
if (auth) {
  render(
    <>
      <AccountBar auth={auth} />
      <InboxPage />
    </>,
    document.getElementById('app')!,
  );
}
