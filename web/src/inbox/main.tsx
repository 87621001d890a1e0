import { render } from 'preact';
import '../shared/styles.css';
import { InboxPage } from './InboxPage';

render(<InboxPage />, document.getElementById('app')!);
