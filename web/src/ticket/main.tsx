import { render } from 'preact';
import '../shared/styles.css';
import { TicketPage } from './TicketPage';

render(<TicketPage />, document.getElementById('app')!);
