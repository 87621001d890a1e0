import { render } from 'preact';
import '../shared/styles.css';
import { BookPage } from './BookPage';

render(<BookPage />, document.getElementById('app')!);
