import { render } from 'preact';
import { AccountBar } from '../shared/AccountBar';
import { staffPage } from '../shared/page-auth';
import 'leaflet/dist/leaflet.css';
import '../shared/styles.css';
import './dashboard.css';
import { DashboardPage } from './DashboardPage';

// The contract's "which page needs which role" (a system admin may open every page).
const auth = staffPage('district', ['district_officer']);
if (auth) {
  render(
    <>
      <AccountBar auth={auth} />
      <DashboardPage />
    </>,
    document.getElementById('app')!,
  );
}
