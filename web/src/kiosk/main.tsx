import { render } from 'preact';
import '../shared/styles.css';
import { KioskPage } from './KioskPage';

render(<KioskPage />, document.getElementById('app')!);
