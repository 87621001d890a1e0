import { render } from 'preact';
import 'leaflet/dist/leaflet.css';
import '../shared/styles.css';
import './dashboard.css';
import { DashboardPage } from './DashboardPage';

render(<DashboardPage />, document.getElementById('app')!);
