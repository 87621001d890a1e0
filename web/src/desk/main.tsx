import { render } from 'preact';
import { AccountBar } from '../shared/AccountBar';
import { staffPage } from '../shared/page-auth';
import '../shared/styles.css';
import { DeskPage } from './DeskPage';

// The contract's "which page needs which role" (a system admin may open every page).
const auth = staffPage('facility', ['desk', 'facility_admin']);
if (auth) {
  render(
    <>
      <AccountBar auth={auth} />
      <DeskPage />
    </>,
    document.getElementById('app')!,
  );
}
