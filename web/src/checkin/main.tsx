import { render } from 'preact';
import '../shared/styles.css';
import { CheckinPage } from './CheckinPage';

render(<CheckinPage />, document.getElementById('app')!);
